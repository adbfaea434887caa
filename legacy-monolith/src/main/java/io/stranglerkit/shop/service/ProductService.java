package io.stranglerkit.shop.service;

import io.stranglerkit.shop.model.NewProduct;
import io.stranglerkit.shop.model.PageResult;
import io.stranglerkit.shop.model.Product;
import io.stranglerkit.shop.repository.CategoryRepository;
import io.stranglerkit.shop.repository.ProductRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

@Service
public class ProductService {

    static final int MAX_SEARCH_TERMS = 10;

    private final ProductRepository products;
    private final CategoryRepository categories;

    public ProductService(ProductRepository products, CategoryRepository categories) {
        this.products = products;
        this.categories = categories;
    }

    public Product get(long id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
    }

    public PageResult<Product> list(Long categoryId, int page, int size) {
        return new PageResult<>(products.findPage(categoryId, (long) page * size, size), page, size, products.count(categoryId));
    }

    public PageResult<Product> search(String query, int page, int size) {
        List<String> terms = searchTerms(query);
        return new PageResult<>(products.search(terms, (long) page * size, size), page, size, products.countSearch(terms));
    }

    /** Whitespace separates terms; each term must match. Duplicates are dropped. */
    static List<String> searchTerms(String query) {
        List<String> terms = Arrays.stream(query.trim().split("\\s+"))
                .filter(t -> !t.isEmpty())
                .map(t -> t.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        if (terms.isEmpty()) {
            throw new InvalidFieldException("q", "must contain at least one search term");
        }
        if (terms.size() > MAX_SEARCH_TERMS) {
            throw new InvalidFieldException("q", "must contain at most " + MAX_SEARCH_TERMS + " search terms");
        }
        return terms;
    }

    @Transactional
    public Product create(NewProduct product) {
        requireCategory(product.categoryId());
        try {
            return get(products.insert(product));
        } catch (DuplicateKeyException e) {
            throw duplicateSku(product.sku());
        }
    }

    @Transactional
    public Product update(long id, NewProduct product, long expectedVersion) {
        requireCategory(product.categoryId());
        boolean updated;
        try {
            updated = products.update(id, product, expectedVersion);
        } catch (DuplicateKeyException e) {
            throw duplicateSku(product.sku());
        }
        if (!updated) {
            throw missingOrStale(id, expectedVersion);
        }
        return get(id);
    }

    /** Deletes unless orders still point at the product: the legacy schema keeps that reference. */
    @Transactional
    public void delete(long id, Long expectedVersion) {
        long lines = products.countOrderLines(id);
        if (lines > 0) {
            throw new ConflictException("id", "product " + id + " is referenced by " + lines
                    + " order line(s) and cannot be deleted");
        }
        if (!products.delete(id, expectedVersion)) {
            throw missingOrStale(id, expectedVersion == null ? -1 : expectedVersion);
        }
    }

    private RuntimeException missingOrStale(long id, long expectedVersion) {
        return products.currentVersion(id)
                .<RuntimeException>map(current -> new StaleVersionException("product", id, expectedVersion, current))
                .orElseGet(() -> new NotFoundException("product", id));
    }

    private void requireCategory(long categoryId) {
        if (!categories.exists(categoryId)) {
            throw new InvalidFieldException("categoryId", "category " + categoryId + " does not exist");
        }
    }

    private ConflictException duplicateSku(String sku) {
        String owner = products.findIdBySku(sku).map(id -> " by product " + id).orElse("");
        return new ConflictException("sku", "sku '" + sku + "' is already used" + owner);
    }
}
