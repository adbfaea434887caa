package io.stranglerkit.search.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.stranglerkit.contract.ContractCheckedMockMvc;
import io.stranglerkit.contract.ShopContract;
import io.stranglerkit.search.index.LiveIndex;
import io.stranglerkit.search.index.SearchIndex;
import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doThrow;

/**
 * The search service's side of the monolith's search contract in a web slice, on a real Lucene
 * index of three products: the page shape, id order, paging, and problem+json for bad parameters.
 * Every exchange is checked against the shop's API contract (ContractCheckedMockMvc), and every
 * answer the contract documents for search has a case here. SearchServiceIT compares whole answers
 * with the real monolith's.
 */
@WebMvcTest(SearchController.class)
@Import({LiveIndex.class, SearchContractTest.Meters.class, ContractCheckedMockMvc.class})
class SearchContractTest {

    @TestConfiguration
    static class Meters {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    MockMvcTester mvc;

    @MockitoSpyBean
    LiveIndex index;

    @TempDir
    static Path dir;

    @BeforeEach
    void threeProducts() throws IOException {
        SearchIndex three = SearchIndex.create(dir.resolve(UUID.randomUUID().toString()), "slice");
        three.apply(List.of(new Category(1, "Chairs")), List.of(), List.of(
                new ProductDoc(3, "SKU-3", "Oak chair", "solid oak", 4599, 1, 0),
                new ProductDoc(1, "SKU-1", "Pine chair", "an oak finish", 2999, 1, 0),
                new ProductDoc(2, "SKU-2", "Lamp", "brass", 1999, 1, 0)), List.of());
        three.refresh();
        SearchIndex previous = index.replace(three);
        if (previous != null) {
            previous.close();
        }
    }

    @Test
    void answersThePageShapeInIdOrderWithTheMonolithsFields() {
        MvcTestResult result = mvc.get().uri("/api/products/search?q=OAK&size=1&page=1").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.page").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.size").isEqualTo(1);
        assertThat(result).bodyJson().extractingPath("$.items[0].id").isEqualTo(3);
        assertThat(result).bodyJson().extractingPath("$.items[0].price").isEqualTo("45.99");
        assertThat(result).bodyJson().extractingPath("$.items[0].category").isEqualTo("Chairs");
    }

    @Test
    void relevanceIsTheServicesOwnOrderOverTheSameMatches() {
        MvcTestResult result = mvc.get().uri("/api/products/search?q=oak&sort=relevance").exchange();
        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().extractingPath("$.total").isEqualTo(2);
        assertThat(result).bodyJson().extractingPath("$.items[0].id").isEqualTo(3); // "oak" in the name
        assertThat(result).bodyJson().extractingPath("$.items[1].id").isEqualTo(1);
        assertProblem(mvc.get().uri("/api/products/search?q=oak&sort=price").exchange(), "sort");
        assertProblem(mvc.get().uri("/api/products/search?q=oak&sort=relevance&page=100&size=100").exchange(), "page");
    }

    @Test
    void whileTheIndexIsRebuiltASearchIsA503WithTheProgressNeverAPartialAnswer() {
        index.building(new LiveIndex.Building(Instant.now(), 1200, 5000));
        index.replace(null);
        MvcTestResult result = mvc.get().uri("/api/products/search?q=oak").exchange();
        assertThat(result).hasStatus(503);
        assertThat(result).contentType().isCompatibleWith("application/problem+json");
        assertThat(result).headers().hasValue("Retry-After", "5");
        assertThat(result).bodyJson().extractingPath("$.detail").isEqualTo("index rebuilding, 1200 of 5000 products indexed");
        assertThat(result).bodyJson().extractingPath("$.products").isEqualTo(5000);
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        assertProblem(mvc.get().uri("/api/products/search").param("q", " ").exchange(), "q");
        assertProblem(mvc.get().uri("/api/products/search?q=oak&size=101").exchange(), "size");
        assertProblem(mvc.get().uri("/api/products/search").param("q", "a b c d e f g h i j k").exchange(), "q");
        assertProblem(mvc.get().uri("/api/products/search").exchange(), "q");
    }

    @Test
    void aFailureIsA500ProblemPointingToTheLog() {
        doThrow(new IllegalStateException("a bug")).when(index).get();
        MvcTestResult result = mvc.get().uri("/api/products/search?q=oak").exchange();
        assertThat(result).hasStatus(500);
        assertThat(result).bodyText().doesNotContain("a bug");
    }

    /** Every answer the contract documents for search has a case above, except the proxy's 502 and 504. */
    @Test
    void everyDocumentedAnswerOfSearchHasACase() {
        assertThat(ShopContract.answers(ShopContract.document(), Set.of("GET /api/products/search")))
                .containsExactlyInAnyOrder("GET /api/products/search 200", "GET /api/products/search 400",
                        "GET /api/products/search 500", "GET /api/products/search 502", "GET /api/products/search 503",
                        "GET /api/products/search 504");
    }

    private static void assertProblem(MvcTestResult result, String field) {
        assertThat(result).hasStatus(400);
        assertThat(result).contentType().isCompatibleWith("application/problem+json");
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").isEqualTo(field);
        assertThat(result).bodyJson().extractingPath("$.correlationId").isNotNull();
    }
}
