package io.stranglerkit.shop.support;

import io.stranglerkit.infra.mariadb.LocalMariaDb;
import io.stranglerkit.infra.mariadb.SharedMariaDb;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the whole monolith on a random port against a real MariaDB (one per test JVM). Tests make
 * their own rows with unique keys, so they neither depend on nor disturb each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ShopIntegrationTest {

    protected static final LocalMariaDb DB = SharedMariaDb.get();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DB.jdbcUrl("shop"));
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected ApiClient api() {
        return new ApiClient(port);
    }

    /** A lowercase word no seeded or other test's row contains, e.g. "qxkvzt". */
    protected static String uniqueWord() {
        StringBuilder word = new StringBuilder("q");
        for (int i = 0; i < 7; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    protected long createCategory(String name, Long parentId) {
        ApiClient.Response r = api().post("/api/categories",
                "{\"name\":\"" + name + "\",\"parentId\":" + parentId + "}");
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    protected long createProduct(String sku, String name, String description, String price, long categoryId) {
        ApiClient.Response r = api().post("/api/products", """
                {"sku":"%s","name":"%s","description":"%s","price":"%s","categoryId":%d}"""
                .formatted(sku, name, description, price, categoryId));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** Asserts an RFC 9457 problem with the given status whose errors name the field. */
    protected static void assertProblem(ApiClient.Response r, int status, String field) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(status);
        assertThat(r.json().get("detail").asString()).isNotBlank();
        assertThat(r.raw().body()).doesNotContain("Exception").doesNotContain("\tat ");
        if (field != null) {
            assertThat(r.json().get("errors").findValuesAsString("field")).contains(field);
        }
    }
}
