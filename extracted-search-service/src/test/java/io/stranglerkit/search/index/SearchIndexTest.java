package io.stranglerkit.search.index;

import io.stranglerkit.search.model.Category;
import io.stranglerkit.search.model.ProductDoc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Lucene index on a real directory: exact matches as a substring scan finds them, commits, relevance. */
class SearchIndexTest {

    @TempDir
    Path dir;

    private final List<SearchIndex> opened = new ArrayList<>();

    @AfterEach
    void close() throws IOException {
        for (SearchIndex index : opened) {
            index.close();
        }
    }

    private static final List<String> WORDS = List.of("oak", "cloak", "chair", "armchair", "Café", "cafe", "lamp",
            "ß", "steel", "Steelhead", "x", "ok", "a", "table", "tablet", "50%", "under_score");

    @Test
    void matchesExactlyWhatASubstringScanMatchesInIdOrder() {
        Random random = new Random(7);
        SearchIndex index = index();
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
            refresh(index);
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
                SearchIndex.Page all = index.search(terms, 0, 100_000, SearchIndex.Order.ID);
                assertThat(all.hits().stream().map(h -> h.doc().id()).toList()).as("terms %s", terms).isEqualTo(expected);
                assertThat(all.total()).isEqualTo(expected.size());
                SearchIndex.Page second = index.search(terms, 3, 2, SearchIndex.Order.ID);
                assertThat(second.hits().stream().map(h -> h.doc().id()).toList())
                        .isEqualTo(expected.subList(Math.min(3, expected.size()), Math.min(5, expected.size())));
            }
        }
    }

    @Test
    void aRenamedCategoryIsFoundByItsNewNameOnly() {
        SearchIndex index = index();
        index.apply(List.of(new Category(1, "Garden")), List.of(), List.of(new ProductDoc(5, "S", "Spade", "", 1, 1, 0)), List.of());
        assertThat(search(index, List.of("garden")).total()).isEqualTo(1);
        index.apply(List.of(new Category(1, "Outdoor Living")), List.of(), List.of(), List.of());
        refresh(index);
        assertThat(search(index, List.of("garden")).total()).isZero();
        SearchIndex.Page page = search(index, List.of("living"));
        assertThat(page.hits()).singleElement().satisfies(h -> assertThat(h.categoryName()).isEqualTo("Outdoor Living"));
    }

    @Test
    void termsDoNotMatchAcrossTheNameAndDescriptionBoundary() {
        SearchIndex index = index();
        index.apply(List.of(new Category(1, "C")), List.of(), List.of(new ProductDoc(1, "S", "oak", "lamp", 1, 1, 0)), List.of());
        assertThat(search(index, List.of("oaklamp")).total()).isZero();
        assertThat(search(index, List.of("k\u0001l")).total()).isZero();
    }

    @Test
    void aCommitKeepsTheOffsetsAndAReopenedIndexAnswersTheSame() throws IOException {
        SearchIndex index = SearchIndex.create(dir.resolve("g1"), "model-a");
        index.apply(List.of(), List.of(), List.of(new ProductDoc(9, "S", "Walnut desk", "", 1, 1, 0)), List.of());
        index.commit(Map.of("legacy.shop.product:0", 42L, "legacy.shop.category:0", 7L));
        index.close();

        SearchIndex reopened = SearchIndex.open(dir.resolve("g1"), "model-a");
        opened.add(reopened);
        reopened.loadCategories(List.of(new Category(1, "Office")));
        assertThat(reopened.committedOffsets()).containsExactlyInAnyOrderEntriesOf(
                Map.of("legacy.shop.product:0", 42L, "legacy.shop.category:0", 7L));
        assertThat(search(reopened, List.of("walnut")).hits()).singleElement()
                .satisfies(h -> assertThat(h.categoryName()).isEqualTo("Office"));
        assertThatThrownBy(() -> SearchIndex.open(dir.resolve("g1"), "model-b")).hasMessageContaining("belongs to model model-a");
        assertThatThrownBy(() -> SearchIndex.open(dir.resolve("none"), "model-a")).hasMessageContaining("no index");
    }

    @Test
    void aCorruptIndexIsRefusedWhenOpened() throws IOException {
        SearchIndex index = SearchIndex.create(dir.resolve("g1"), "m");
        index.apply(List.of(), List.of(), List.of(new ProductDoc(1, "S", "Lamp", "", 1, 1, 0)), List.of());
        index.commit(Map.of());
        index.close();
        try (var files = Files.list(dir.resolve("g1"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.write(file, new byte[]{1, 2, 3});
            }
        }
        assertThatThrownBy(() -> opened.add(SearchIndex.open(dir.resolve("g1"), "m"))).isInstanceOf(IOException.class);
    }

    @Test
    void relevancePutsANameMatchAboveADescriptionOnlyMatchAndKeepsTheSameMatches() {
        SearchIndex index = index();
        index.apply(List.of(new Category(1, "Lighting"), new Category(2, "Desks")), List.of(), List.of(
                new ProductDoc(1, "S1", "Brass lamp", "a walnut base", 1, 1, 0),
                new ProductDoc(2, "S2", "Standing desk", "walnut top, cable tray", 1, 2, 0),
                new ProductDoc(3, "S3", "Walnut desk", "solid wood", 1, 2, 0),
                new ProductDoc(4, "S4", "Shelf", "no match here", 1, 2, 0),
                new ProductDoc(5, "S5", "Stool", "walnutwood legs", 1, 2, 0)), List.of());
        refresh(index);
        SearchIndex.Page ranked = index.search(List.of("walnut"), 0, 10, SearchIndex.Order.RELEVANCE);
        assertThat(ranked.hits().stream().map(h -> h.doc().id()).toList()).startsWith(3L).containsExactlyInAnyOrder(1L, 2L, 3L, 5L)
                .endsWith(5L); // a substring inside a word matches, and ranks last: it is not the word
        assertThat(ranked.total()).isEqualTo(search(index, List.of("walnut")).total());
        assertThat(index.search(List.of("walnut"), 1, 2, SearchIndex.Order.RELEVANCE).hits())
                .isEqualTo(ranked.hits().subList(1, 3));
        assertThat(index.search(List.of("desk"), 0, 10, SearchIndex.Order.RELEVANCE).hits().stream().map(h -> h.doc().id()).toList())
                .as("a category name match counts for the whole category").containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void foldingIgnoresCaseAndAccents() {
        assertThat(TextFolding.fold("CAFÉ Crème")).isEqualTo("cafe creme");
        assertThat(TextFolding.fold("Straße")).isEqualTo("strasse");
        assertThat(TextFolding.fold("plain ascii")).isEqualTo("plain ascii");
    }

    private SearchIndex index() {
        SearchIndex index = SearchIndex.create(dir.resolve("index-" + opened.size()), "test-model");
        opened.add(index);
        return index;
    }

    private static SearchIndex.Page search(SearchIndex index, List<String> terms) {
        refresh(index);
        return index.search(terms, 0, 10, SearchIndex.Order.ID);
    }

    private static void refresh(SearchIndex index) {
        try {
            index.refresh();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
