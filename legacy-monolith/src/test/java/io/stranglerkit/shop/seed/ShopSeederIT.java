package io.stranglerkit.shop.seed;

import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Seeds into the shared database: the seeded SKU range is reserved for this test class. */
class ShopSeederIT extends ShopIntegrationTest {

    @Autowired
    ShopSeeder seeder;

    @Test
    void seedsDeterministicDataOnceAndOnlyOnce() {
        List<ShopSeeder.Progress> progress = new ArrayList<>();
        ShopSeeder.Report first = seeder.seed(3_000, 42, progress::add);
        assertThat(first.products()).isEqualTo(3_000);
        assertThat(first.customers()).isEqualTo(60);
        assertThat(first.orders()).isPositive();
        assertThat(first.orderLines()).isGreaterThanOrEqualTo(first.orders());
        assertThat(progress).extracting(ShopSeeder.Progress::phase).contains("categories", "products", "customers and orders");
        assertThat(progress).filteredOn(p -> p.phase().equals("products")).last()
                .satisfies(p -> assertThat(p.done()).isEqualTo(3_000));

        SeedCatalog.GeneratedProduct expected = SeedCatalog.product(1234, 42);
        assertThat(jdbc.queryForMap("SELECT name, description, price_cents FROM product WHERE sku = ?", expected.sku()))
                .containsEntry("name", expected.name())
                .containsEntry("description", expected.description())
                .containsEntry("price_cents", expected.priceCents());

        // Seeded orders copied the seeded prices.
        assertThat(jdbc.queryForObject("""
                SELECT COUNT(*) FROM order_line l JOIN product p ON p.id = l.product_id
                 WHERE p.sku LIKE 'SKU-%' AND l.unit_price_cents <> p.price_cents""", Long.class)).isZero();

        ShopSeeder.Report again = seeder.seed(3_000, 42, p -> { });
        assertThat(again.rows()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product WHERE sku LIKE 'SKU-%'", Long.class)).isEqualTo(3_000);

        ShopSeeder.Report grown = seeder.seed(3_500, 42, p -> { });
        assertThat(grown.products()).isEqualTo(500);
        assertThat(grown.customers()).isEqualTo(10);
    }
}
