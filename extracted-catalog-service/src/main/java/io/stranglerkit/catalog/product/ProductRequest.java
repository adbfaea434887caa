package io.stranglerkit.catalog.product;

import io.stranglerkit.catalog.web.InvalidFieldException;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Body of POST and PUT /api/products, with the monolith's exact rules and messages (the proxy may
 * send any write to either side): {@code price} a decimal with at most two places, {@code version}
 * required on PUT and ignored on POST.
 */
public record ProductRequest(
        @NotBlank @Size(max = 40) @Pattern(regexp = "([A-Za-z0-9][A-Za-z0-9._-]*)?", message = "may contain only letters, digits, '.', '_' and '-'")
        String sku,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull @DecimalMin("0.00") @DecimalMax("99999999.99") @Digits(integer = 8, fraction = 2) BigDecimal price,
        @NotNull @Positive Long categoryId,
        @PositiveOrZero Long version,
        Long id,
        String category,
        Instant updatedAt) {

    /**
     * A body read from GET and sent back carries the read-only {@code id}, {@code category} and
     * {@code updatedAt}: they are ignored, except that an {@code id} must name the product written.
     */
    public void requireIdOf(long pathId) {
        if (id != null && id != pathId) {
            throw new InvalidFieldException("id", "must match the id in the path (" + pathId + ") or be left out");
        }
    }

    /** On POST the server assigns the id: a body that names one is most likely meant as a PUT. */
    public void requireNoId() {
        if (id != null) {
            throw new InvalidFieldException("id", "is assigned by the server: leave it out, or PUT /api/products/" + id + " to change that product");
        }
    }

    public ProductDraft toDraft() {
        return new ProductDraft(sku.trim(), name.trim(), description == null ? "" : description.trim(),
                price.setScale(2), categoryId);
    }
}
