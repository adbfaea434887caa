package io.stranglerkit.shop.api;

import io.stranglerkit.contract.PublishedContract;
import io.stranglerkit.contract.ShopContract;
import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIT extends ShopIntegrationTest {

    @Autowired
    PublishedContract published;

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
    void publishesTheWholeContractAndMapsNothingItLacks() {
        ApiClient.Response docs = api().get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(ShopContract.operations(docs.json())).isEqualTo(ShopContract.operations(ShopContract.document()));
        assertThat(docs.json().at("/info/x-side").asString()).isEqualTo("legacy-monolith");
        assertThat(published.undocumented()).isEmpty();
    }

    @Test
    void unsupportedMethodsAreProblemsToo() {
        ApiClient.Response r = api().put("/api/orders/1", "{}");
        assertProblem(r, 405, null);
        assertThat(r.json().get("correlationId").asString()).isNotBlank();
    }
}
