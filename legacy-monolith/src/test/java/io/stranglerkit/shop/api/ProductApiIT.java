package io.stranglerkit.shop.api;

import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProductApiIT extends ShopIntegrationTest {

    private long categoryId;
    private String word;

    @BeforeEach
    void category() {
        word = uniqueWord();
        categoryId = createCategory("Lamps " + word, null);
    }

    @Test
    void createsReadsUpdatesAndDeletesAProduct() {
        String sku = "LAMP-" + word;
        ApiClient.Response created = api().post("/api/products", """
                {"sku":"%s","name":"Desk Lamp","description":"Warm light","price":19.9,"categoryId":%d}"""
                .formatted(sku, categoryId));
        assertThat(created.status()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/products/" + id);
        assertThat(created.json().get("price").asString()).isEqualTo("19.90");
        assertThat(created.json().get("version").asLong()).isZero();
        assertThat(created.json().get("category").asString()).isEqualTo("Lamps " + word);

        ApiClient.Response read = api().get("/api/products/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("sku").asString()).isEqualTo(sku);
        assertThat(read.json().get("updatedAt").asString()).isNotBlank();

        ApiClient.Response updated = api().put("/api/products/" + id, """
                {"sku":"%s","name":"Desk Lamp XL","description":"Warm light","price":"24.00","categoryId":%d,"version":0}"""
                .formatted(sku, categoryId));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().get("version").asLong()).isEqualTo(1);
        assertThat(updated.json().get("name").asString()).isEqualTo("Desk Lamp XL");
        assertThat(updated.json().get("price").asString()).isEqualTo("24.00");

        assertThat(api().delete("/api/products/" + id).status()).isEqualTo(204);
        assertProblem(api().get("/api/products/" + id), 404, null);
    }

    @Test
    void aStaleVersionIsRejectedAndChangesNothing() {
        long id = createProduct("LOCK-" + word, "Lamp", "", "10.00", categoryId);
        String body = """
                {"sku":"LOCK-%s","name":"%s","description":"","price":"11.00","categoryId":%d,"version":0}""";
        assertThat(api().put("/api/products/" + id, body.formatted(word, "first writer", categoryId)).status()).isEqualTo(200);

        ApiClient.Response second = api().put("/api/products/" + id, body.formatted(word, "second writer", categoryId));
        assertProblem(second, 409, "version");
        assertThat(second.json().get("currentVersion").asLong()).isEqualTo(1);
        assertThat(api().get("/api/products/" + id).json().get("name").asString()).isEqualTo("first writer");

        assertProblem(api().delete("/api/products/" + id + "?version=0"), 409, "version");
        assertThat(api().delete("/api/products/" + id + "?version=1").status()).isEqualTo(204);
    }

    @Test
    void updateWithoutVersionIsABadRequest() {
        long id = createProduct("NOVER-" + word, "Lamp", "", "10.00", categoryId);
        assertProblem(api().put("/api/products/" + id, """
                {"sku":"NOVER-%s","name":"Lamp","price":"10.00","categoryId":%d}""".formatted(word, categoryId)), 400, "version");
    }

    @Test
    void aProductReadCanBeSentBackChangedWithItsReadOnlyFields() {
        long id = createProduct("TRIP-" + word, "Lamp", "", "10.00", categoryId);
        ObjectNode read = (ObjectNode) api().get("/api/products/" + id).json();
        read.put("name", "Lamp, renamed");

        ApiClient.Response updated = api().put("/api/products/" + id, read.toString());
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.json().get("name").asString()).isEqualTo("Lamp, renamed");
        assertThat(updated.json().get("version").asLong()).isEqualTo(1);
    }

    @Test
    void anIdInTheBodyMustNameTheProductWritten() {
        long id = createProduct("IDS-" + word, "Lamp", "", "10.00", categoryId);
        ObjectNode read = (ObjectNode) api().get("/api/products/" + id).json();
        read.put("id", id + 1);
        assertProblem(api().put("/api/products/" + id, read.toString()), 400, "id");
        assertProblem(api().post("/api/products", read.put("sku", "IDS2-" + word).toString()), 400, "id");
        assertThat(api().get("/api/products/" + id).json().get("version").asLong()).isZero();
    }

    @Test
    void unknownIdsAnswer404() {
        assertProblem(api().get("/api/products/987654321"), 404, null);
        assertProblem(api().put("/api/products/987654321", """
                {"sku":"X-%s","name":"Lamp","price":"10.00","categoryId":%d,"version":0}""".formatted(word, categoryId)), 404, null);
        assertProblem(api().delete("/api/products/987654321"), 404, null);
    }

    @Test
    void aDuplicateSkuIsAConflictOnTheSkuField() {
        createProduct("DUP-" + word, "Lamp", "", "10.00", categoryId);
        assertProblem(api().post("/api/products", """
                {"sku":"DUP-%s","name":"Other","price":"1.00","categoryId":%d}""".formatted(word, categoryId)), 409, "sku");
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"sku\":\"\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":CAT}                 | sku",
            "{\"sku\":\"a b\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":CAT}              | sku",
            "{\"sku\":\"S-WORD\",\"name\":\" \",\"price\":\"1.00\",\"categoryId\":CAT}           | name",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"-1.00\",\"categoryId\":CAT}          | price",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"1.001\",\"categoryId\":CAT}          | price",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"abc\",\"categoryId\":CAT}            | price",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"categoryId\":CAT}                             | price",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"1.00\"}                              | categoryId",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":987654321}     | categoryId",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":\"x\"}         | categoryId",
            "{\"sku\":\"S-WORD\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":CAT,\"colour\":1} | colour",
            "{not json                                                                         | body",
            "[]                                                                                | body",
    })
    void invalidProductsAreRejectedNamingTheField(String body, String field) {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class);
        ApiClient.Response r = api().post("/api/products",
                body.replace("CAT", String.valueOf(categoryId)).replace("WORD", word));
        assertProblem(r, 400, field);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class)).isEqualTo(before);
    }

    @Test
    void aBodyOverTheLimitIs413NamingTheBodyWithNothingWritten() throws Exception {
        long before = jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class);
        String huge = """
                {"sku":"BIG-%s","name":"n","price":"1.00","categoryId":%d,"description":"%s"}"""
                .formatted(word, categoryId, "x".repeat(2 * 1024 * 1024));
        assertProblem(api().post("/api/products", huge), 413, "body");
        // Without a Content-Length (chunked), the limit holds as the body is read.
        java.net.http.HttpResponse<String> chunked = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/products"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM product", Long.class)).isEqualTo(before);
    }

    @Test
    void aMissingBodyIsABadRequest() {
        assertProblem(api().post("/api/products", ""), 400, "body");
    }

    @ParameterizedTest(name = "GET {0} -> 400 on {1}")
    @CsvSource({
            "/api/products?size=101, size",
            "/api/products?size=0, size",
            "/api/products?page=-1, page",
            "/api/products?page=x, page",
            "/api/products?pgae=2, pgae",
            "/api/products?categoryId=0, categoryId",
            "/api/products/abc, id",
    })
    void badQueryParametersAreRejected(String path, String field) {
        assertProblem(api().get(path), 400, field);
    }

    @Test
    void listsProductsOfACategoryPageByPage() {
        for (int i = 0; i < 5; i++) {
            createProduct("LIST-" + word + "-" + i, "Lamp " + i, "", "1.00", categoryId);
        }
        ApiClient.Response page = api().get("/api/products?categoryId=" + categoryId + "&page=1&size=2");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.json().get("total").asLong()).isEqualTo(5);
        assertThat(page.json().get("page").asInt()).isEqualTo(1);
        assertThat(page.json().get("size").asInt()).isEqualTo(2);
        assertThat(page.json().get("items").findValuesAsString("sku")).containsExactly("LIST-" + word + "-2", "LIST-" + word + "-3");
    }

    @Test
    void everyResponseCarriesACorrelationIdAndKeepsTheCallersOne() {
        assertThat(api().get("/api/products/987654321").header("X-Correlation-Id")).isNotBlank();
        ApiClient.Response r = api().get("/api/products/987654321", Map.of("X-Correlation-Id", "test-" + word));
        assertThat(r.header("X-Correlation-Id")).isEqualTo("test-" + word);
        assertThat(r.json().get("correlationId").asString()).isEqualTo("test-" + word);
    }

    @Test
    void legacyToolsCanInsertWithPlainSqlNamingOnlyTheBusinessColumns() {
        jdbc.update("INSERT INTO product (sku, name, description, price_cents, category_id) VALUES (?, ?, ?, ?, ?)",
                "RAW-" + word, "Raw lamp", "inserted by a legacy tool", 1234, categoryId);
        long id = jdbc.queryForObject("SELECT id FROM product WHERE sku = ?", Long.class, "RAW-" + word);
        ApiClient.Response read = api().get("/api/products/" + id);
        assertThat(read.json().get("version").asLong()).isZero();
        assertThat(read.json().get("price").asString()).isEqualTo("12.34");
        assertThat(read.json().get("updatedAt").asString()).isNotBlank();
    }
}
