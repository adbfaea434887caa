package io.stranglerkit.shop.controller;

import io.stranglerkit.shop.dto.PageResponse;
import io.stranglerkit.shop.dto.ProductRequest;
import io.stranglerkit.shop.dto.ProductResponse;
import io.stranglerkit.shop.dto.SearchItem;
import io.stranglerkit.shop.service.InvalidFieldException;
import io.stranglerkit.shop.service.ProductService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/products")
public class ProductController {

    static final String MAX_PAGE_SIZE = "100";

    private final ProductService products;

    public ProductController(ProductService products) {
        this.products = products;
    }

    /** Naive substring search; results ordered by product id, no ranking. */
    @GetMapping("/search")
    public PageResponse<SearchItem> search(
            @RequestParam @NotBlank @Size(max = 200) String q,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.from(products.search(q, page, size), SearchItem::from);
    }

    @GetMapping
    public PageResponse<ProductResponse> list(
            @RequestParam(required = false) @Positive Long categoryId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return PageResponse.from(products.list(categoryId, page, size), ProductResponse::from);
    }

    @GetMapping("/{id}")
    public ProductResponse get(@PathVariable long id) {
        return ProductResponse.from(products.get(id));
    }

    @PostMapping
    public ResponseEntity<ProductResponse> create(@Valid @RequestBody ProductRequest request) {
        request.requireNoId();
        ProductResponse created = ProductResponse.from(products.create(request.toNewProduct()));
        return ResponseEntity
                .created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri())
                .body(created);
    }

    @PutMapping("/{id}")
    public ProductResponse update(@PathVariable long id, @Valid @RequestBody ProductRequest request) {
        request.requireIdOf(id);
        if (request.version() == null) {
            throw new InvalidFieldException("version", "is required: send the version you read, so a concurrent change is not overwritten");
        }
        return ProductResponse.from(products.update(id, request.toNewProduct(), request.version()));
    }

    /** {@code version} is optional here; when given, a stale one answers 409 like PUT does. */
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(required = false) @PositiveOrZero Long version) {
        products.delete(id, version);
        return ResponseEntity.noContent().build();
    }
}
