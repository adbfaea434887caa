package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class SearchIndexTest {

    private static final List<String> WORDS = List.of("oak", "cloak", "chair", "armchair", "Café", "cafe", "lamp",
            "ß", "steel", "Steelhead", "x", "ok", "a", "table", "tablet", "50%", "under_score");

    @Test
    void matchesExactlyWhatASubstringScanMatchesInIdOrder() {
        Random random = new Random(7);
        SearchIndex index = new SearchIndex();
        TreeMap<Long, ProductDoc> docs = new TreeMap<>();
        List<Category> categories = List.of(new Category(1, "Home & Kitchen"), new Category(2, "Oak Furniture"));
        index.apply(categories, List.of(), List.of(), List.of());
        for (int round = 0; round < 3; round++) { // insert, then rewrite and delete some, twice
            for (int i = 0; i < 400; i++) {
                long id = 1 + random.nextInt(500);
                if (round > 0 && random.nextInt(5) == 0) {
                    docs.remove(id);
                    index.apply(List.of(), List.of(), List.of(), List.of(id));
                    continue;
                }
                ProductDoc doc = new ProductDoc(id, "SKU-" + id, phrase(random), phrase(random) + " " + phrase(random),
                        100 + id, 1 + random.nextInt(2), round);
                docs.put(id, doc);
                index.apply(List.of(), List.of(), List.of(doc), List.of());
            }
        }
        for (String a : WORDS) {
            for (String b : List.of("", "oak", "table", "é")) {
                List<String> terms = new ArrayList<>(List.of(TextFolding.fold(a)));
                if (!b.isEmpty() && !TextFolding.fold(b).equals(terms.get(0))) {
                    terms.add(TextFolding.fold(b));
                }
                List<Long> expected = docs.values().stream()
                        .filter(d -> terms.stream().allMatch(t -> naive(d, categories).contains(t)))
                        .map(ProductDoc::id).toList();
                SearchIndex.Page all = index.search(terms, 0, 100_000);
                assertThat(all.hits().stream().map(h -> h.doc().id()).toList()).as("terms %s", terms).isEqualTo(expected);
                assertThat(all.total()).isEqualTo(expected.size());
                SearchIndex.Page second = index.search(terms, 3, 2);
                assertThat(second.hits().stream().map(h -> h.doc().id()).toList())
                        .isEqualTo(expected.subList(Math.min(3, expected.size()), Math.min(5, expected.size())));
            }
        }
    }

    @Test
    void aRenamedCategoryIsFoundByItsNewNameOnly() {
        SearchIndex index = new SearchIndex();
        index.apply(List.of(new Category(1, "Garden")), List.of(), List.of(new ProductDoc(5, "S", "Spade", "", 1, 1, 0)), List.of());
        assertThat(index.search(List.of("garden"), 0, 10).total()).isEqualTo(1);
        index.apply(List.of(new Category(1, "Outdoor Living")), List.of(), List.of(), List.of());
        assertThat(index.search(List.of("garden"), 0, 10).total()).isZero();
        SearchIndex.Page page = index.search(List.of("living"), 0, 10);
        assertThat(page.hits()).singleElement().satisfies(h -> assertThat(h.categoryName()).isEqualTo("Outdoor Living"));
    }

    @Test
    void termsDoNotMatchAcrossTheNameAndDescriptionBoundary() {
        SearchIndex index = new SearchIndex();
        index.apply(List.of(new Category(1, "C")), List.of(), List.of(new ProductDoc(1, "S", "oak", "lamp", 1, 1, 0)), List.of());
        assertThat(index.search(List.of("oaklamp"), 0, 10).total()).isZero();
        assertThat(index.search(List.of("k\u0001l"), 0, 10).total()).isZero();
    }

    @Test
    void foldingIgnoresCaseAndAccents() {
        assertThat(TextFolding.fold("CAFÉ Crème")).isEqualTo("cafe creme");
        assertThat(TextFolding.fold("Straße")).isEqualTo("strasse");
        assertThat(TextFolding.fold("plain ascii")).isEqualTo("plain ascii");
    }

    private static String naive(ProductDoc d, List<Category> categories) {
        String category = categories.stream().filter(c -> c.id() == d.categoryId()).findFirst().orElseThrow().name();
        return TextFolding.fold(d.name()) + "\u0001" + TextFolding.fold(d.description()) + "\u0001" + TextFolding.fold(category);
    }

    private static String phrase(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            String word = WORDS.get(random.nextInt(WORDS.size()));
            out.append(i == 0 ? "" : " ").append(random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word);
        }
        return out.toString();
    }
}
