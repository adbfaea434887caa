package io.stranglerkit.shop.api;

import io.stranglerkit.shop.support.ApiClient;
import io.stranglerkit.shop.support.ShopIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchApiIT extends ShopIntegrationTest {

    private String word;
    private long categoryId;

    @BeforeEach
    void data() {
        word = uniqueWord();
        categoryId = createCategory("Cat " + word + "cat", null);
    }

    private List<String> skusFor(String query) {
        ApiClient.Response r = api().get("/api/products/search?q=" + query.replace(" ", "%20") + "&size=100");
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json().get("items").findValuesAsString("sku");
    }

    @Test
    void matchesNameDescriptionAndCategoryCaseInsensitively() {
        createProduct("N-" + word, "Lamp " + word.toUpperCase(), "plain", "1.00", categoryId);
        createProduct("D-" + word, "Lamp", "has " + word + " inside", "1.00", categoryId);
        assertThat(skusFor(word)).containsExactly("N-" + word, "D-" + word);
        assertThat(skusFor(word.toUpperCase())).containsExactly("N-" + word, "D-" + word);
        // the category's name ends in "<word>cat": every product of it matches
        assertThat(skusFor(word + "cat")).containsExactly("N-" + word, "D-" + word);
    }

    @Test
    void everyTermMustMatchSomewhere() {
        createProduct("AB-" + word, "Alpha " + word, "bravo", "1.00", categoryId);
        createProduct("A-" + word, "Alpha " + word, "charlie", "1.00", categoryId);
        assertThat(skusFor(word + " bravo")).containsExactly("AB-" + word);
        assertThat(skusFor("  " + word + "   alpha  ")).containsExactly("AB-" + word, "A-" + word);
    }

    @Test
    void pagesThroughResultsInIdOrderWithTheTotal() {
        for (int i = 0; i < 7; i++) {
            createProduct("P" + i + "-" + word, "Item " + word, "", "1.00", categoryId);
        }
        ApiClient.Response page = api().get("/api/products/search?q=" + word + "&page=2&size=3");
        assertThat(page.json().get("total").asLong()).isEqualTo(7);
        assertThat(page.json().get("page").asInt()).isEqualTo(2);
        assertThat(page.json().get("size").asInt()).isEqualTo(3);
        assertThat(page.json().get("items").findValuesAsString("sku")).containsExactly("P6-" + word);
    }

    @Test
    void answersExactlyTheDocumentedFields() {
        createProduct("F-" + word, "Field " + word, "desc", "5.50", categoryId);
        ApiClient.Response r = api().get("/api/products/search?q=" + word);
        assertThat(r.contentType()).startsWith("application/json");
        var item = r.json().get("items").get(0);
        assertThat(item.propertyNames()).containsExactlyInAnyOrder("id", "sku", "name", "description", "price", "category");
        assertThat(item.get("price").asString()).isEqualTo("5.50");
        assertThat(item.get("category").asString()).isEqualTo("Cat " + word + "cat");
        assertThat(r.json().propertyNames()).containsExactlyInAnyOrder("items", "page", "size", "total");
    }

    @Test
    void wildcardsInTheQueryAreLiteral() {
        createProduct("PCT-" + word, "100% " + word, "", "1.00", categoryId);
        createProduct("NOPCT-" + word, "100 " + word, "", "1.00", categoryId);
        assertThat(skusFor(word + " 100%25")).containsExactly("PCT-" + word);
        assertThat(skusFor(word + " _")).isEmpty();
    }

    @Test
    void badSearchInputIsRejected() {
        assertProblem(api().get("/api/products/search"), 400, "q");
        assertProblem(api().get("/api/products/search?q=%20%20"), 400, "q");
        assertProblem(api().get("/api/products/search?q=a&size=101"), 400, "size");
        assertProblem(api().get("/api/products/search?q=a&page=-1"), 400, "page");
        assertProblem(api().get("/api/products/search?q=a&sort=name"), 400, "sort");
        assertProblem(api().get("/api/products/search?q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k"), 400, "q");
    }
}
