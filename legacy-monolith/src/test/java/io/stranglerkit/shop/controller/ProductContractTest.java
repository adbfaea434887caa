package io.stranglerkit.shop.controller;

import io.stranglerkit.contract.ContractCheckedMockMvc;
import io.stranglerkit.shop.model.NewProduct;
import io.stranglerkit.shop.model.Product;
import io.stranglerkit.shop.service.NotFoundException;
import io.stranglerkit.shop.service.ProductService;
import io.stranglerkit.shop.service.StaleVersionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The monolith's product contract in a web slice (no database): statuses, problem+json naming the
 * field, the correlation id, the read-modify-write round trip. Breaks here fail in seconds.
 */
@WebMvcTest(ProductController.class)
@Import(ContractCheckedMockMvc.class)
class ProductContractTest {

    private static final Product LAMP = new Product(5, "LAMP-5", "Desk lamp", "Warm light", 1990, 3, "Lamps", 2,
            Instant.parse("2026-11-29T10:00:00Z"));

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductService products;

    @Test
    void aProductReadIsSentBackChangedWithItsReadOnlyFields() throws Exception {
        when(products.get(5)).thenReturn(LAMP);
        when(products.update(eq(5L), any(), eq(2L))).thenReturn(LAMP);
        String read = mvc.get().uri("/api/products/5").exchange().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(mvc.put().uri("/api/products/5").contentType(MediaType.APPLICATION_JSON)
                .content(read.replace("Desk lamp", "Desk lamp XL"))).hasStatusOk();
        verify(products).update(5, new NewProduct("LAMP-5", "Desk lamp XL", "Warm light", 1990, 3), 2);
    }

    @Test
    void anIdOtherThanThePathsIsRefusedNamingIt() {
        MvcTestResult result = mvc.put().uri("/api/products/5").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":6,\"sku\":\"LAMP-5\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3,\"version\":2}").exchange();
        assertProblem(result, 400, "id", "must match the id in the path (5) or be left out");
        verify(products, never()).update(anyLong(), any(), anyLong());
    }

    @Test
    void unknownFieldsAndBadParametersAreRefusedNamingThem() {
        assertProblem(mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"S\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3,\"colour\":\"red\"}").exchange(),
                400, "colour", "is not a known field");
        assertProblem(mvc.get().uri("/api/products?size=101").exchange(), 400, "size", null);
        assertProblem(mvc.get().uri("/api/products/abc").exchange(), 400, "id", null);
    }

    @Test
    void missingAndStaleProductsAnswer404And409() {
        when(products.get(9)).thenThrow(new NotFoundException("product", 9));
        assertProblem(mvc.get().uri("/api/products/9").exchange(), 404, null, null);
        when(products.update(eq(5L), any(), eq(1L))).thenThrow(new StaleVersionException("product", 5, 1, 2));
        assertProblem(mvc.put().uri("/api/products/5").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"LAMP-5\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3,\"version\":1}").exchange(),
                409, "version", "is stale");
    }

    @Test
    void theCallersCorrelationIdComesBackInTheHeaderAndTheProblem() {
        MvcTestResult result = mvc.get().uri("/api/products/abc").header("X-Correlation-Id", "trace-me-1").exchange();
        assertThat(result).hasHeader("X-Correlation-Id", "trace-me-1");
        assertThat(result).bodyJson().extractingPath("$.correlationId").isEqualTo("trace-me-1");
    }

    private static void assertProblem(MvcTestResult result, int status, String field, String reason) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith("application/problem+json");
        assertThat(result).bodyText().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(result).bodyJson().extractingPath("$.correlationId").isNotNull();
        if (field != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        }
        if (reason != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].reason").isEqualTo(reason);
        }
    }
}
