package io.stranglerkit.shop.seed;

import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class SeedCatalogTest {

    @Test
    void theSameIndexAndSeedGiveTheSameProduct() {
        assertThat(SeedCatalog.product(77, 42)).isEqualTo(SeedCatalog.product(77, 42));
        assertThat(SeedCatalog.product(77, 42)).isNotEqualTo(SeedCatalog.product(77, 43));
        assertThat(SeedCatalog.customer(5, 42)).isEqualTo(SeedCatalog.customer(5, 42));
    }

    @Test
    void productsLookLikeShopProducts() {
        LongStream.rangeClosed(1, 5_000).mapToObj(i -> SeedCatalog.product(i, 7)).forEach(p -> {
            assertThat(p.sku()).matches("SKU-\\d{7}");
            assertThat(p.name()).hasSizeLessThanOrEqualTo(200).contains(" ");
            assertThat(p.description()).hasSizeLessThanOrEqualTo(2000).endsWith(".");
            assertThat(p.priceCents()).isPositive();
            assertThat(p.priceCents() % 100).isIn(0L, 49L, 99L);
        });
    }

    @Test
    void skusSortInIndexOrder() {
        assertThat(SeedCatalog.sku(9)).isLessThan(SeedCatalog.sku(10));
        assertThat(SeedCatalog.sku(999_999)).isLessThan(SeedCatalog.sku(1_000_000));
    }
}
