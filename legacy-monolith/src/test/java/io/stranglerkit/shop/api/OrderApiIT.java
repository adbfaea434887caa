package io.stranglerkit.shop.api;

import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderApiIT extends ShopIntegrationTest {

    private String word;
    private long customerId;
    private long lampId;
    private long bulbId;

    @BeforeEach
    void data() {
        word = uniqueWord();
        long categoryId = createCategory("Lighting " + word, null);
        lampId = createProduct("LAMP-" + word, "Lamp", "", "20.00", categoryId);
        bulbId = createProduct("BULB-" + word, "Bulb", "", "2.50", categoryId);
        ApiClient.Response customer = api().post("/api/customers", """
                {"email":"%s@Example.com","name":"Ada"}""".formatted(word));
        assertThat(customer.status()).isEqualTo(201);
        assertThat(customer.json().get("email").asString()).isEqualTo(word + "@example.com");
        customerId = customer.json().get("id").asLong();
    }

    @Test
    void anOrderCopiesTheProductPricesOfTheMomentItWasPlaced() {
        ApiClient.Response placed = api().post("/api/orders", """
                {"customerId":%d,"lines":[{"productId":%d,"quantity":1},{"productId":%d,"quantity":4},{"productId":%d,"quantity":1}]}"""
                .formatted(customerId, lampId, bulbId, lampId));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        long orderId = placed.json().get("id").asLong();
        assertThat(placed.json().get("status").asString()).isEqualTo("NEW");
        assertThat(placed.json().get("total").asString()).isEqualTo("50.00");
        assertThat(placed.json().get("lines")).hasSize(2);

        // The product's price changes afterwards; the order keeps what was paid.
        assertThat(api().put("/api/products/" + lampId, """
                {"sku":"LAMP-%s","name":"Lamp","price":"99.00","categoryId":%d,"version":0}"""
                .formatted(word, api().get("/api/products/" + lampId).json().get("categoryId").asLong())).status()).isEqualTo(200);
        ApiClient.Response read = api().get("/api/orders/" + orderId);
        assertThat(read.json().get("total").asString()).isEqualTo("50.00");
        assertThat(read.json().get("lines").get(0).get("unitPrice").asString()).isEqualTo("20.00");
        assertThat(read.json().get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
    }

    @Test
    void anOrderedProductCannotBeDeleted() {
        assertThat(api().post("/api/orders", """
                {"customerId":%d,"lines":[{"productId":%d,"quantity":1}]}""".formatted(customerId, bulbId)).status()).isEqualTo(201);
        assertProblem(api().delete("/api/products/" + bulbId), 409, "id");
        assertThat(api().get("/api/products/" + bulbId).status()).isEqualTo(200);
    }

    @Test
    void badOrdersAreRejectedAndNothingIsWritten() {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class);
        assertProblem(api().post("/api/orders", """
                {"customerId":987654321,"lines":[{"productId":%d,"quantity":1}]}""".formatted(lampId)), 400, "customerId");
        assertProblem(api().post("/api/orders", """
                {"customerId":%d,"lines":[{"productId":%d,"quantity":1},{"productId":987654321,"quantity":1}]}"""
                .formatted(customerId, lampId)), 400, "lines[1].productId");
        assertProblem(api().post("/api/orders", """
                {"customerId":%d,"lines":[{"productId":%d,"quantity":0}]}""".formatted(customerId, lampId)), 400, "lines[0].quantity");
        assertProblem(api().post("/api/orders", """
                {"customerId":%d,"lines":[]}""".formatted(customerId)), 400, "lines");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class)).isEqualTo(before);
        assertProblem(api().get("/api/orders/987654321"), 404, null);
    }

    @Test
    void aDuplicateEmailIsAConflict() {
        assertProblem(api().post("/api/customers", """
                {"email":"%s@example.com","name":"Other"}""".formatted(word)), 409, "email");
        assertProblem(api().post("/api/customers", """
                {"email":"not-an-email","name":"Other"}"""), 400, "email");
    }
}
