package io.stranglerkit.shop.api;

import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIT extends ShopIntegrationTest {

    @Test
    void healthIsUpWithTheDatabase() {
        ApiClient.Response health = api().get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }

    @Test
    void prometheusMetricsIncludeHttpRequests() {
        api().get("/api/categories");
        String metrics = api().get("/actuator/prometheus").raw().body();
        assertThat(metrics).contains("http_server_requests_seconds_count").contains("application=\"legacy-monolith\"");
    }

    @Test
    void publishesTheApiAsOpenApi() {
        ApiClient.Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").propertyNames())
                .contains("/api/products/search", "/api/products/{id}", "/api/products", "/api/categories", "/api/orders");
    }

    @Test
    void unsupportedMethodsAreProblemsToo() {
        ApiClient.Response r = api().put("/api/orders/1", "{}");
        assertProblem(r, 405, null);
        assertThat(r.json().get("correlationId").asString()).isNotBlank();
    }
}
