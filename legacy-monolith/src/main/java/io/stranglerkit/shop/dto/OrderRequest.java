package io.stranglerkit.shop.dto;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Body of POST /api/orders. Lines naming the same product twice are merged. */
public record OrderRequest(@NotNull @Positive Long customerId,
                           @NotEmpty @Size(max = 100) List<@Valid @NotNull Line> lines) {

    public record Line(@NotNull @Positive Long productId, @NotNull @Min(1) @Max(1000) Integer quantity) {
    }
}
