package io.stranglerkit.catalog.web;

import io.stranglerkit.catalog.category.Category;
import io.stranglerkit.catalog.category.CategoryController;
import io.stranglerkit.catalog.product.PageResponse;
import io.stranglerkit.catalog.product.Product;
import io.stranglerkit.catalog.product.ProductController;
import io.stranglerkit.catalog.product.ProductService;
import io.stranglerkit.contract.ContractCase;
import io.stranglerkit.contract.ContractCheckedMockMvc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Answers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.stranglerkit.contract.ContractCase.given;
import static io.stranglerkit.contract.ContractCase.json;
import static io.stranglerkit.contract.ContractCase.notJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every operation the catalog serves, with every status it answers, checked against the shop's
 * contract (ContractCheckedMockMvc); the last check fails when the contract documents an answer of
 * these operations that no case produces. CatalogSyncIT compares whole answers with the monolith's.
 */
@WebMvcTest({ProductController.class, CategoryController.class})
@Import(ContractCheckedMockMvc.class)
class CatalogContractTest {

    static final Set<String> SERVED = Set.of("GET /api/products", "POST /api/products", "GET /api/products/{id}",
            "PUT /api/products/{id}", "DELETE /api/products/{id}", "GET /api/categories", "GET /api/categories/{id}");
    private static final Product LAMP = new Product(6, "LAMP-6", "Desk lamp", "Warm light", new BigDecimal("19.90"), 3, "Lamps", 2,
            Instant.parse("2026-11-29T10:00:00Z"));
    private static final String PRODUCT = "{\"sku\":\"LAMP-6\",\"name\":\"Desk lamp\",\"price\":\"19.90\",\"categoryId\":3,\"version\":2}";
    private static final String TOO_LARGE = "{\"name\":\"" + "x".repeat(1_100_000) + "\"}";
    private static final Set<String> COVERED = new TreeSet<>();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductService products;

    @MockitoBean(answers = Answers.RETURNS_DEEP_STUBS)
    JdbcClient jdbc;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void happyPaths() {
        when(products.get(6)).thenReturn(LAMP);
        when(products.list(any(), anyInt(), anyInt())).thenReturn(new PageResponse<>(List.of(LAMP), 0, 20, 1));
        when(products.create(any())).thenReturn(LAMP);
        when(products.update(anyLong(), any(), anyLong())).thenReturn(LAMP);
        when(jdbc.sql(anyString()).query(any(RowMapper.class)).list()).thenReturn(List.of(new Category(1, "Home", null)));
        when(jdbc.sql(anyString()).param(anyLong()).query(any(RowMapper.class)).optional()).thenReturn(Optional.of(new Category(3, "Lamps", 1L)));
    }

    static Stream<ContractCase<CatalogContractTest>> cases() {
        return Stream.of(
                ContractCase.of("GET /api/products", 200, get("/api/products?categoryId=3&page=0&size=5")),
                ContractCase.of("GET /api/products", 400, get("/api/products?size=0")),
                ContractCase.of("POST /api/products", 201, json(post("/api/products"), PRODUCT)),
                ContractCase.of("POST /api/products", 400, json(post("/api/products"), "{\"sku\":\"S\",\"name\":\"n\",\"price\":12,\"categoryId\":3,\"id\":6}")),
                given("POST /api/products", 409, json(post("/api/products"), PRODUCT),
                        t -> when(t.products.create(any())).thenThrow(new ConflictException("sku", "a product with sku 'LAMP-6' already exists"))),
                ContractCase.of("POST /api/products", 413, json(post("/api/products"), TOO_LARGE)),
                ContractCase.of("POST /api/products", 415, notJson(post("/api/products"))),
                ContractCase.of("GET /api/products/{id}", 200, get("/api/products/6")),
                ContractCase.of("GET /api/products/{id}", 400, get("/api/products/six")),
                given("GET /api/products/{id}", 404, get("/api/products/9"), t -> when(t.products.get(9)).thenThrow(new NotFoundException("product", 9))),
                ContractCase.of("PUT /api/products/{id}", 200, json(put("/api/products/6"), PRODUCT.replace("\"19.90\"", "19.9"))),
                ContractCase.of("PUT /api/products/{id}", 400, json(put("/api/products/6"), PRODUCT.replace("\"LAMP-6\"", "\"LAMP 6\""))),
                given("PUT /api/products/{id}", 404, json(put("/api/products/9"), PRODUCT),
                        t -> when(t.products.update(anyLong(), any(), anyLong())).thenThrow(new NotFoundException("product", 9))),
                given("PUT /api/products/{id}", 409, json(put("/api/products/6"), PRODUCT),
                        t -> when(t.products.update(anyLong(), any(), anyLong())).thenThrow(new StaleVersionException("product", 6, 2, 3))),
                ContractCase.of("PUT /api/products/{id}", 413, json(put("/api/products/6"), TOO_LARGE)),
                ContractCase.of("PUT /api/products/{id}", 415, notJson(put("/api/products/6"))),
                ContractCase.of("DELETE /api/products/{id}", 204, delete("/api/products/6")),
                ContractCase.of("DELETE /api/products/{id}", 400, delete("/api/products/6?version=x")),
                given("DELETE /api/products/{id}", 404, delete("/api/products/9"),
                        t -> doThrow(new NotFoundException("product", 9)).when(t.products).delete(9, null)),
                given("DELETE /api/products/{id}", 409, delete("/api/products/6?version=1"),
                        t -> doThrow(new StaleVersionException("product", 6, 1, 2)).when(t.products).delete(6, 1L)),
                ContractCase.of("GET /api/categories", 200, get("/api/categories")),
                ContractCase.of("GET /api/categories", 400, get("/api/categories?size=5")),
                ContractCase.of("GET /api/categories/{id}", 200, get("/api/categories/3")),
                ContractCase.of("GET /api/categories/{id}", 400, get("/api/categories/-")),
                given("GET /api/categories/{id}", 404, get("/api/categories/9"),
                        t -> when(t.jdbc.sql(anyString()).param(anyLong()).query(any(RowMapper.class)).optional()).thenReturn(Optional.empty())));
    }

    /** Each operation once more: 500 for a bug, 503 for an unreachable database or writes not open yet. */
    static Stream<ContractCase<CatalogContractTest>> failures() {
        return cases().filter(c -> c.status() < 300).flatMap(c -> Stream.of(
                c.failing(500, t -> t.everythingThrows(new IllegalStateException("a bug"))),
                c.failing(503, t -> t.everythingThrows(c.operation().startsWith("GET")
                        ? new DataAccessResourceFailureException("no database")
                        : new NotReadyForWritesException("the catalog is still loading the monolith's products")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"cases", "failures"})
    void answersAsTheContractSays(ContractCase<CatalogContractTest> c) {
        c.given().accept(this);
        assertThat(mvc.perform(c.request())).hasStatus(c.status());
        COVERED.add(c.toString());
    }

    /** The catalog is never the proxy: 502 and 504 are the proxy's answers. */
    @AfterAll
    static void everyDocumentedAnswerHasACase() {
        ContractCase.assertEveryAnswerHasACase(COVERED, SERVED, Set.of("502", "504"));
    }

    private void everythingThrows(RuntimeException e) {
        when(products.get(anyLong())).thenThrow(e);
        when(products.list(any(), anyInt(), anyInt())).thenThrow(e);
        when(products.create(any())).thenThrow(e);
        when(products.update(anyLong(), any(), anyLong())).thenThrow(e);
        doThrow(e).when(products).delete(anyLong(), any());
        when(jdbc.sql(anyString())).thenThrow(e);
    }
}
