package io.stranglerkit.cdc.reverse;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.ALREADY_DELETED;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.APPLIED;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.CONFLICT_CATALOG_WINS;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.CONFLICT_MONOLITH_WINS;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.COPY_OF_SHOP_CHANGE;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.DELETED;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.ECHO;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.INSERTED;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.STALE;
import static io.stranglerkit.cdc.reverse.ReverseRule.Outcome.UPDATE_LOST_TO_DELETE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReverseRuleTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00.123Z");

    private static ShopRow row(long version, String name) {
        return new ShopRow(8, "SKU-8", name, "", 1990, 3, version, AT);
    }

    private static CatalogChange fromCatalog(long version, String name, boolean created) {
        return new CatalogChange(row(version, name), false, true, created);
    }

    @Test
    void copiesOfShopChangesAreNeverSentBack() {
        assertThat(ReverseRule.decide(row(1, "a"), new CatalogChange(row(2, "b"), false, false, false), true))
                .isEqualTo(COPY_OF_SHOP_CHANGE);
    }

    @Test
    void aTombstoneIsAppliedEvenWhenTheShopDeletedFirst() {
        // The catalog copied the shop's delete; a replayed create had meanwhile put the row back.
        assertThat(ReverseRule.decide(row(0, "resurrected"), new CatalogChange(row(1, "a"), true, false, false), true))
                .isEqualTo(DELETED);
        assertThat(ReverseRule.decide(null, new CatalogChange(row(1, "a"), true, false, false), true))
                .isEqualTo(ALREADY_DELETED);
    }

    @Test
    void newProductsAreInsertedAndLaterVersionsApplied() {
        assertThat(ReverseRule.decide(null, fromCatalog(0, "new", true), true)).isEqualTo(INSERTED);
        assertThat(ReverseRule.decide(row(1, "a"), fromCatalog(2, "b", false), false)).isEqualTo(APPLIED);
        assertThat(ReverseRule.decide(row(3, "a"), fromCatalog(2, "b", false), true)).isEqualTo(STALE);
        assertThat(ReverseRule.decide(row(2, "b"), fromCatalog(2, "b", false), true)).isEqualTo(ECHO);
    }

    @Test
    void aDeleteOnEitherSideWins() {
        assertThat(ReverseRule.decide(row(2, "a"), new CatalogChange(row(3, "a"), true, true, false), false)).isEqualTo(DELETED);
        assertThat(ReverseRule.decide(null, new CatalogChange(row(3, "a"), true, true, false), false)).isEqualTo(ALREADY_DELETED);
        assertThat(ReverseRule.decide(null, fromCatalog(4, "changed in the catalog", false), true))
                .isEqualTo(UPDATE_LOST_TO_DELETE).matches(ReverseRule.Outcome::conflict);
    }

    @Test
    void equalVersionsWithDifferentContentGoToTheTieWinnerAsInTheCatalog() {
        assertThat(ReverseRule.decide(row(5, "shop's"), fromCatalog(5, "catalog's", false), true))
                .isEqualTo(CONFLICT_CATALOG_WINS).matches(o -> o.conflict() && o.writes());
        assertThat(ReverseRule.decide(row(5, "shop's"), fromCatalog(5, "catalog's", false), false))
                .isEqualTo(CONFLICT_MONOLITH_WINS).matches(o -> o.conflict() && !o.writes());
    }

    @Test
    void theTranslationMapsTheCatalogModelBackToShopColumns() {
        String json = """
                {"before":null,"after":{"id":8,"sku":"SKU-8","name":"n","description":"","price":"19.90","category_id":3,
                "version":5,"updated_at":"2026-11-23T10:00:00.123Z","deleted_at":null,"written_by":"catalog",
                "source_file":null,"source_pos":null,"source_row":null},"op":"u","source":{}}""";
        CatalogChange change = CatalogToShopTranslation.translate(json.getBytes(StandardCharsets.UTF_8));
        assertThat(change.row()).isEqualTo(new ShopRow(8, "SKU-8", "n", "", 1990, 3, 5, AT));
        assertThat(change.writtenByCatalog()).isTrue();
        assertThat(change.deleted()).isFalse();
        assertThat(change.created()).isFalse();

        String tombstone = json.replace("\"sku\":\"SKU-8\"", "\"sku\":null").replace("\"deleted_at\":null", "\"deleted_at\":\"2026-11-23T10:01:00Z\"");
        assertThat(CatalogToShopTranslation.translate(tombstone.getBytes(StandardCharsets.UTF_8)).deleted()).isTrue();

        String bad = json.replace("\"19.90\"", "\"19.905\"");
        assertThatThrownBy(() -> CatalogToShopTranslation.translate(bad.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("after.price must be a decimal with at most two places");
    }
}
