package io.stranglerkit.shop.controller;

import io.stranglerkit.contract.ContractCase;
import io.stranglerkit.contract.ContractCheckedMockMvc;
import io.stranglerkit.contract.ShopContract;
import io.stranglerkit.shop.model.Category;
import io.stranglerkit.shop.model.Customer;
import io.stranglerkit.shop.model.Order;
import io.stranglerkit.shop.model.OrderLine;
import io.stranglerkit.shop.model.PageResult;
import io.stranglerkit.shop.model.Product;
import io.stranglerkit.shop.service.CategoryService;
import io.stranglerkit.shop.service.ConflictException;
import io.stranglerkit.shop.service.CustomerService;
import io.stranglerkit.shop.service.NotFoundException;
import io.stranglerkit.shop.service.OrderService;
import io.stranglerkit.shop.service.ProductService;
import io.stranglerkit.shop.service.StaleVersionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import java.time.Instant;
import java.util.List;
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
 * Every operation of the shop's contract, with every status the monolith answers, against the
 * contract document (ContractCheckedMockMvc checks each exchange). The last check fails when the
 * contract documents an answer no case here produces: a new status needs its case.
 */
@WebMvcTest({ProductController.class, CategoryController.class, CustomerController.class, OrderController.class})
@Import(ContractCheckedMockMvc.class)
class ShopContractTest {

    private static final Instant AT = Instant.parse("2026-11-29T10:00:00Z");
    private static final Product LAMP = new Product(5, "LAMP-5", "Desk lamp", "Warm light", 1990, 3, "Lamps", 2, AT);
    private static final String PRODUCT = "{\"sku\":\"LAMP-5\",\"name\":\"Desk lamp\",\"price\":\"19.90\",\"categoryId\":3,\"version\":2}";
    private static final String CATEGORY = "{\"name\":\"Lamps\",\"parentId\":null}";
    private static final String CUSTOMER = "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}";
    private static final String ORDER = "{\"customerId\":1,\"lines\":[{\"productId\":5,\"quantity\":2}]}";
    private static final Order PLACED = new Order(9, 1, "PLACED", AT, List.of(new OrderLine(5, "LAMP-5", "Desk lamp", 2, 1990)));
    /** The monolith is never the proxy: 502 and 504 are the proxy's answers. */
    private static final Set<String> PROXY_ONLY = Set.of("502", "504");
    private static final Set<String> COVERED = new TreeSet<>();

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductService products;

    @MockitoBean
    CategoryService categories;

    @MockitoBean
    CustomerService customers;

    @MockitoBean
    OrderService orders;

    @BeforeEach
    void happyPaths() {
        when(products.get(5)).thenReturn(LAMP);
        when(products.list(any(), anyInt(), anyInt())).thenReturn(new PageResult<>(List.of(LAMP), 0, 20, 1));
        when(products.search(anyString(), anyInt(), anyInt())).thenReturn(new PageResult<>(List.of(LAMP), 0, 20, 1));
        when(products.create(any())).thenReturn(LAMP);
        when(products.update(anyLong(), any(), anyLong())).thenReturn(LAMP);
        when(categories.all()).thenReturn(List.of(new Category(1, "Home", null), new Category(3, "Lamps", 1L)));
        when(categories.get(3)).thenReturn(new Category(3, "Lamps", 1L));
        when(categories.create(anyString(), any())).thenReturn(new Category(3, "Lamps", null));
        when(categories.update(anyLong(), anyString(), any())).thenReturn(new Category(3, "Lamps", 1L));
        when(customers.get(1)).thenReturn(new Customer(1, "ada@example.com", "Ada"));
        when(customers.create(anyString(), anyString())).thenReturn(new Customer(1, "ada@example.com", "Ada"));
        when(orders.get(9)).thenReturn(PLACED);
        when(orders.place(anyLong(), any())).thenReturn(PLACED);
    }

    static Stream<ContractCase<ShopContractTest>> cases() {
        return Stream.of(
                ContractCase.of("POST /api/products", 415, notJson(post("/api/products"))),
                ContractCase.of("PUT /api/products/{id}", 415, notJson(put("/api/products/5"))),
                ContractCase.of("POST /api/categories", 415, notJson(post("/api/categories"))),
                ContractCase.of("PUT /api/categories/{id}", 415, notJson(put("/api/categories/3"))),
                ContractCase.of("POST /api/customers", 415, notJson(post("/api/customers"))),
                ContractCase.of("POST /api/orders", 415, notJson(post("/api/orders"))),
                ContractCase.of("GET /api/products/search", 200, get("/api/products/search?q=lamp")),
                ContractCase.of("GET /api/products/search", 400, get("/api/products/search?q=lamp&size=101")),
                ContractCase.of("GET /api/products", 200, get("/api/products?categoryId=3")),
                ContractCase.of("GET /api/products", 400, get("/api/products?pgae=1")),
                ContractCase.of("POST /api/products", 201, json(post("/api/products"), PRODUCT.replace(",\"version\":2", ""))),
                ContractCase.of("POST /api/products", 400, json(post("/api/products"), "{\"sku\":\"\",\"price\":\"1.234\",\"categoryId\":3}")),
                given("POST /api/products", 409, json(post("/api/products"), PRODUCT), t -> when(t.products.create(any()))
                        .thenThrow(new ConflictException("sku", "a product with sku 'LAMP-5' already exists"))),
                ContractCase.of("POST /api/products", 413, json(post("/api/products"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("GET /api/products/{id}", 200, get("/api/products/5")),
                ContractCase.of("GET /api/products/{id}", 400, get("/api/products/abc")),
                given("GET /api/products/{id}", 404, get("/api/products/8"), t -> when(t.products.get(8)).thenThrow(new NotFoundException("product", 8))),
                ContractCase.of("PUT /api/products/{id}", 200, json(put("/api/products/5"), PRODUCT.replace("19.90", "21"))),
                ContractCase.of("PUT /api/products/{id}", 400, json(put("/api/products/5"), PRODUCT.replace(",\"version\":2", ""))),
                given("PUT /api/products/{id}", 404, json(put("/api/products/8"), PRODUCT),
                        t -> when(t.products.update(anyLong(), any(), anyLong())).thenThrow(new NotFoundException("product", 8))),
                given("PUT /api/products/{id}", 409, json(put("/api/products/5"), PRODUCT),
                        t -> when(t.products.update(anyLong(), any(), anyLong())).thenThrow(new StaleVersionException("product", 5, 2, 3))),
                ContractCase.of("PUT /api/products/{id}", 413, json(put("/api/products/5"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("DELETE /api/products/{id}", 204, delete("/api/products/5?version=2")),
                ContractCase.of("DELETE /api/products/{id}", 400, delete("/api/products/5?version=-1")),
                given("DELETE /api/products/{id}", 404, delete("/api/products/8"),
                        t -> doThrow(new NotFoundException("product", 8)).when(t.products).delete(8, null)),
                given("DELETE /api/products/{id}", 409, delete("/api/products/5"),
                        t -> doThrow(new ConflictException("id", "product 5 is referenced by 2 order lines")).when(t.products).delete(5, null)),
                ContractCase.of("GET /api/categories", 200, get("/api/categories")),
                ContractCase.of("GET /api/categories", 400, get("/api/categories?page=1")),
                ContractCase.of("POST /api/categories", 201, json(post("/api/categories"), CATEGORY)),
                ContractCase.of("POST /api/categories", 400, json(post("/api/categories"), "{\"name\":\" \",\"parentId\":0}")),
                ContractCase.of("POST /api/categories", 413, json(post("/api/categories"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("GET /api/categories/{id}", 200, get("/api/categories/3")),
                ContractCase.of("GET /api/categories/{id}", 400, get("/api/categories/x")),
                given("GET /api/categories/{id}", 404, get("/api/categories/8"), t -> when(t.categories.get(8)).thenThrow(new NotFoundException("category", 8))),
                ContractCase.of("PUT /api/categories/{id}", 200, json(put("/api/categories/3"), "{\"name\":\"Lamps\",\"parentId\":1}")),
                ContractCase.of("PUT /api/categories/{id}", 400, json(put("/api/categories/3"), "{\"name\":\"Lamps\",\"colour\":1}")),
                given("PUT /api/categories/{id}", 404, json(put("/api/categories/8"), CATEGORY),
                        t -> when(t.categories.update(anyLong(), anyString(), any())).thenThrow(new NotFoundException("category", 8))),
                ContractCase.of("PUT /api/categories/{id}", 413, json(put("/api/categories/3"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("DELETE /api/categories/{id}", 204, delete("/api/categories/3")),
                ContractCase.of("DELETE /api/categories/{id}", 400, delete("/api/categories/x")),
                given("DELETE /api/categories/{id}", 404, delete("/api/categories/8"),
                        t -> doThrow(new NotFoundException("category", 8)).when(t.categories).delete(8)),
                given("DELETE /api/categories/{id}", 409, delete("/api/categories/3"),
                        t -> doThrow(new ConflictException("id", "category 3 still has 4 products")).when(t.categories).delete(3)),
                ContractCase.of("POST /api/customers", 201, json(post("/api/customers"), CUSTOMER)),
                ContractCase.of("POST /api/customers", 400, json(post("/api/customers"), "{\"email\":\"not-an-email\",\"name\":\"Ada\"}")),
                given("POST /api/customers", 409, json(post("/api/customers"), CUSTOMER), t -> when(t.customers.create(anyString(), anyString()))
                        .thenThrow(new ConflictException("email", "a customer with email 'ada@example.com' already exists"))),
                ContractCase.of("POST /api/customers", 413, json(post("/api/customers"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("GET /api/customers/{id}", 200, get("/api/customers/1")),
                ContractCase.of("GET /api/customers/{id}", 400, get("/api/customers/1.5")),
                given("GET /api/customers/{id}", 404, get("/api/customers/8"), t -> when(t.customers.get(8)).thenThrow(new NotFoundException("customer", 8))),
                ContractCase.of("POST /api/orders", 201, json(post("/api/orders"), ORDER)),
                ContractCase.of("POST /api/orders", 400, json(post("/api/orders"), "{\"customerId\":1,\"lines\":[]}")),
                given("POST /api/orders", 409, json(post("/api/orders"), ORDER), t -> when(t.orders.place(anyLong(), any()))
                        .thenThrow(new org.springframework.dao.DataIntegrityViolationException("fk"))),
                ContractCase.of("POST /api/orders", 413, json(post("/api/orders"), "{\"name\":\"" + "x".repeat(1_100_000) + "\"}")),
                ContractCase.of("GET /api/orders/{id}", 200, get("/api/orders/9")),
                ContractCase.of("GET /api/orders/{id}", 400, get("/api/orders/nine")),
                given("GET /api/orders/{id}", 404, get("/api/orders/8"), t -> when(t.orders.get(8)).thenThrow(new NotFoundException("order", 8))));
    }

    /** Each operation once more, with its services failing: 500 for a bug, 503 for an unreachable database. */
    static Stream<ContractCase<ShopContractTest>> failures() {
        return cases().filter(c -> c.status() < 300).flatMap(c -> Stream.of(
                c.failing(500, t -> t.allServicesThrow(new IllegalStateException("a bug"))),
                c.failing(503, t -> t.allServicesThrow(new DataAccessResourceFailureException("no database")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"cases", "failures"})
    void answersAsTheContractSays(ContractCase<ShopContractTest> c) {
        c.given().accept(this);
        assertThat(mvc.perform(c.request())).hasStatus(c.status());
        COVERED.add(c.toString());
    }

    @AfterAll
    static void everyDocumentedAnswerHasACase() {
        ContractCase.assertEveryAnswerHasACase(COVERED, ShopContract.operations(ShopContract.document()), PROXY_ONLY);
    }

    private void allServicesThrow(RuntimeException e) {
        when(products.get(anyLong())).thenThrow(e);
        when(products.list(any(), anyInt(), anyInt())).thenThrow(e);
        when(products.search(anyString(), anyInt(), anyInt())).thenThrow(e);
        when(products.create(any())).thenThrow(e);
        when(products.update(anyLong(), any(), anyLong())).thenThrow(e);
        doThrow(e).when(products).delete(anyLong(), any());
        when(categories.all()).thenThrow(e);
        when(categories.get(anyLong())).thenThrow(e);
        when(categories.create(anyString(), any())).thenThrow(e);
        when(categories.update(anyLong(), anyString(), any())).thenThrow(e);
        doThrow(e).when(categories).delete(anyLong());
        when(customers.get(anyLong())).thenThrow(e);
        when(customers.create(anyString(), anyString())).thenThrow(e);
        when(orders.get(anyLong())).thenThrow(e);
        when(orders.place(anyLong(), any())).thenThrow(e);
    }

}
