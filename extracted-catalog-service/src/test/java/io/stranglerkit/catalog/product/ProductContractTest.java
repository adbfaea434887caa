package io.stranglerkit.catalog.product;

import io.stranglerkit.catalog.web.NotFoundException;
import io.stranglerkit.catalog.web.NotReadyForWritesException;
import io.stranglerkit.contract.ContractCheckedMockMvc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.math.BigDecimal;
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
 * The catalog's side of the monolith's product contract in a web slice (no database, no Kafka):
 * statuses, problem+json naming the field, the round trip, 503 while writes are not open.
 * CatalogSyncIT checks the same answers byte for byte against the real monolith.
 */
@WebMvcTest(ProductController.class)
@Import(ContractCheckedMockMvc.class)
class ProductContractTest {

    private static final Product LAMP = new Product(6, "LAMP-6", "Desk lamp", "Warm light", new BigDecimal("19.90"), 3, "Lamps", 2,
            Instant.parse("2026-11-29T10:00:00Z"));

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ProductService products;

    @Test
    void aProductReadIsSentBackChangedWithItsReadOnlyFields() throws Exception {
        when(products.get(6)).thenReturn(LAMP);
        when(products.update(eq(6L), any(), eq(2L))).thenReturn(LAMP);
        String read = mvc.get().uri("/api/products/6").exchange().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(mvc.put().uri("/api/products/6").contentType(MediaType.APPLICATION_JSON)
                .content(read.replace("Desk lamp", "Desk lamp XL"))).hasStatusOk();
        verify(products).update(6, new ProductDraft("LAMP-6", "Desk lamp XL", "Warm light", new BigDecimal("19.90"), 3), 2);
    }

    @Test
    void anIdOtherThanThePathsIsRefusedNamingIt() {
        MvcTestResult result = mvc.put().uri("/api/products/6").contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\":7,\"sku\":\"LAMP-6\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3,\"version\":2}").exchange();
        assertProblem(result, 400, "id");
        verify(products, never()).update(anyLong(), any(), anyLong());
    }

    @Test
    void whileTheCatalogIsStillLoadingWritesAnswer503WithRetryAfter() {
        when(products.create(any())).thenThrow(new NotReadyForWritesException("the catalog is still loading the monolith's products"));
        MvcTestResult result = mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"S-1\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3}").exchange();
        assertProblem(result, 503, null);
        assertThat(result).hasHeader("Retry-After", "5");
    }

    @Test
    void unknownFieldsMissingProductsAndBadParametersAreProblems() {
        assertProblem(mvc.post().uri("/api/products").contentType(MediaType.APPLICATION_JSON)
                .content("{\"sku\":\"S\",\"name\":\"n\",\"price\":\"1.00\",\"categoryId\":3,\"colour\":\"red\"}").exchange(), 400, "colour");
        when(products.get(9)).thenThrow(new NotFoundException("product", 9));
        assertProblem(mvc.get().uri("/api/products/9").exchange(), 404, null);
        assertProblem(mvc.get().uri("/api/products?pgae=2").exchange(), 400, "pgae");
    }

    private static void assertProblem(MvcTestResult result, int status, String field) {
        assertThat(result).hasStatus(status);
        assertThat(result).contentType().isCompatibleWith("application/problem+json");
        assertThat(result).bodyText().doesNotContain("Exception");
        assertThat(result).bodyJson().extractingPath("$.correlationId").isNotNull();
        if (field != null) {
            assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        }
    }
}
