package io.stranglerkit.catalog.product;

import io.stranglerkit.catalog.sync.ForwardSync;
import io.stranglerkit.catalog.web.ConflictException;
import io.stranglerkit.catalog.web.InvalidFieldException;
import io.stranglerkit.catalog.web.NotFoundException;
import io.stranglerkit.catalog.web.NotReadyForWritesException;
import io.stranglerkit.catalog.web.StaleVersionException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The monolith's product rules, on the catalog's model. */
@Service
public class ProductService {

    private final ProductRepository products;
    private final ForwardSync forwardSync;

    public ProductService(ProductRepository products, ForwardSync forwardSync) {
        this.products = products;
        this.forwardSync = forwardSync;
    }

    public Product get(long id) {
        return products.findById(id).orElseThrow(() -> new NotFoundException("product", id));
    }

    public PageResponse<Product> list(Long categoryId, int page, int size) {
        return new PageResponse<>(products.findPage(categoryId, (long) page * size, size), page, size, products.count(categoryId));
    }

    @Transactional
    public Product create(ProductDraft draft) {
        requireReadyForWrites();
        requireCategory(draft.categoryId());
        try {
            return get(products.insert(draft));
        } catch (DuplicateKeyException e) {
            throw duplicateSku(draft.sku());
        }
    }

    @Transactional
    public Product update(long id, ProductDraft draft, long expectedVersion) {
        requireReadyForWrites();
        requireCategory(draft.categoryId());
        boolean updated;
        try {
            updated = products.update(id, draft, expectedVersion);
        } catch (DuplicateKeyException e) {
            throw duplicateSku(draft.sku());
        }
        if (!updated) {
            throw missingOrStale(id, expectedVersion);
        }
        return get(id);
    }

    /** Refused while the monolith's orders point at the product, as the monolith refuses it. */
    @Transactional
    public void delete(long id, Long expectedVersion) {
        requireReadyForWrites();
        long lines = products.countOrderLines(id);
        if (lines > 0) {
            throw new ConflictException("id", "product " + id + " is referenced by " + lines
                    + " order line(s) and cannot be deleted");
        }
        if (!products.delete(id, expectedVersion)) {
            throw missingOrStale(id, expectedVersion == null ? -1 : expectedVersion);
        }
    }

    private void requireReadyForWrites() {
        String reason = forwardSync.whyNotReadyForWrites();
        if (reason != null) {
            throw new NotReadyForWritesException(reason);
        }
    }

    private RuntimeException missingOrStale(long id, long expectedVersion) {
        return products.currentVersion(id)
                .<RuntimeException>map(current -> new StaleVersionException("product", id, expectedVersion, current))
                .orElseGet(() -> new NotFoundException("product", id));
    }

    private void requireCategory(long categoryId) {
        if (!products.categoryExists(categoryId)) {
            throw new InvalidFieldException("categoryId", "category " + categoryId + " does not exist");
        }
    }

    private ConflictException duplicateSku(String sku) {
        String owner = products.findIdBySku(sku).map(id -> " by product " + id).orElse("");
        return new ConflictException("sku", "sku '" + sku + "' is already used" + owner);
    }
}
