package io.stranglerkit.contract;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The check itself: a deliberately wrong answer is caught at the right place; right ones pass. */
class ContractCheckTest {

    private static final ContractCheck CONTRACT = new ContractCheck();
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "X-Correlation-Id", List.of("c-1"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type", List.of("application/problem+json"),
            "X-Correlation-Id", List.of("c-1"));
    private static final String LAMP = """
            {"id":5,"sku":"LAMP-5","name":"Desk lamp","description":"Warm light","price":"%s","categoryId":3,
             "category":"Lamps","version":2,"updatedAt":"2026-11-29T10:00:00Z"}""";

    @Test
    void aProductThatKeepsTheContractPasses() {
        assertThat(CONTRACT.check(get("/api/products/5", 200, JSON, LAMP.formatted("19.90")))).isEmpty();
    }

    @Test
    void aPriceSentAsANumberIsCaughtAtItsPointer() {
        List<Violation> violations = CONTRACT.check(get("/api/products/5", 200, JSON, LAMP.replace("\"%s\"", "19.9")));
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.operation()).isEqualTo("GET /api/products/{id}");
            assertThat(v.location()).isEqualTo("response body /price");
            assertThat(v.exchange()).isEqualTo("GET /api/products/5 -> 200");
        });
    }

    @Test
    void aMissingFieldANullAndAnUnknownStatusAreCaught() {
        assertThat(CONTRACT.check(get("/api/categories", 200, JSON, "[{\"id\":1,\"name\":\"Home\",\"parentId\":null}]"))).isEmpty();
        assertThat(CONTRACT.check(get("/api/categories", 200, JSON, "[{\"id\":1,\"name\":\"Home\"}]")))
                .extracting(Violation::location).containsExactly("response body /0");
        assertThat(CONTRACT.check(get("/api/products/5", 418, PROBLEM, "{}"))).extracting(Violation::location)
                .singleElement().asString().startsWith("response");
    }

    @Test
    void aHeaderOutsideItsSchemaIsCaughtByName() {
        Map<String, List<String>> headers = Map.of("Content-Type", List.of("application/json"), "X-Correlation-Id", List.of("c-1"),
                "X-Served-By", List.of("nobody"));
        assertThat(CONTRACT.check(get("/api/products/5", 200, headers, LAMP.formatted("19.90")))).extracting(Violation::location)
                .containsExactly("response header X-Served-By");
        Map<String, List<String>> noCorrelationId = Map.of("Content-Type", List.of("application/json"));
        assertThat(CONTRACT.check(get("/api/products/5", 200, noCorrelationId, LAMP.formatted("19.90")))).extracting(Violation::location)
                .containsExactly("response header X-Correlation-Id");
    }

    @Test
    void aProblemWithoutErrorsIsNoBadRequestAnswer() {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"bad\",\"correlationId\":\"c-1\"}";
        assertThat(CONTRACT.check(get("/api/products/abc", 400, PROBLEM, problem))).isNotEmpty();
        String named = problem.replace("}", ",\"errors\":[{\"field\":\"id\",\"reason\":\"must be a whole number\"}]}");
        assertThat(CONTRACT.check(get("/api/products/abc", 400, PROBLEM, named))).isEmpty();
    }

    @Test
    void aRequestTheContractRefusesMustBeRefused() {
        Exchange accepted = new Exchange("GET", "/api/products", Map.of("size", List.of("500")), Map.of(), null, 200, JSON,
                "{\"items\":[],\"page\":0,\"size\":100,\"total\":0}");
        assertThat(CONTRACT.check(accepted)).as(CONTRACT.check(accepted).toString()).extracting(Violation::location).containsExactly("request query size");
        Exchange unknown = new Exchange("GET", "/api/products", Map.of("colour", List.of("red")), Map.of(), null, 200, JSON,
                "{\"items\":[],\"page\":0,\"size\":20,\"total\":0}");
        assertThat(CONTRACT.check(unknown)).isNotEmpty();
    }

    @Test
    void outsideTheContractNothingIsChecked_andAMethodItLacksMustBe405() {
        assertThat(CONTRACT.check(get("/actuator/health", 200, JSON, "{\"status\":\"UP\"}"))).isEmpty();
        Exchange patch = new Exchange("PATCH", "/api/products/5", Map.of(), Map.of(), "{}", 200, JSON, LAMP.formatted("1.00"));
        assertThat(CONTRACT.check(patch)).extracting(Violation::location).containsExactly("status");
        assertThat(CONTRACT.operation("GET", "/api/products/search")).contains("GET /api/products/search");
        assertThat(CONTRACT.operation("GET", "/api/products/77")).contains("GET /api/products/{id}");
    }

    @Test
    void assertKeptNamesTheOperationAndTheBody() {
        assertThatThrownBy(() -> CONTRACT.assertKept(get("/api/products/5", 200, JSON, LAMP.replace("\"%s\"", "19.9"))))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /api/products/{id}: GET /api/products/5 -> 200: response body /price");
    }

    @Test
    void aSidePublishesOnlyWhatItServes() {
        var document = ShopContract.servedBy(ShopContract.document(), "search-service", Set.of("GET /api/products/search"));
        assertThat(ShopContract.operations(document)).containsExactly("GET /api/products/search");
        assertThat(document.has("servers")).isFalse();
        assertThat(document.at("/info/x-side").asString()).isEqualTo("search-service");
        assertThat(ShopContract.operations(ShopContract.servedBy(ShopContract.document(), "catalog-service", Set.of("GET /api/products/{productId}"))))
                .containsExactly("GET /api/products/{id}");
    }

    private static Exchange get(String path, int status, Map<String, List<String>> headers, String body) {
        return new Exchange("GET", path, Map.of(), Map.of(), null, status, headers, body);
    }
}
