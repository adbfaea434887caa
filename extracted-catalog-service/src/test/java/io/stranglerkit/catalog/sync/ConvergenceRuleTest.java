package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.ALREADY_DELETED;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.APPLIED;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.CONFLICT_CATALOG_WINS;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.CONFLICT_MONOLITH_WINS;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.DELETED;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.DELETED_OVER_UPDATE;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.ECHO;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.INSERTED;
import static io.stranglerkit.catalog.sync.ConvergenceRule.Outcome.STALE;
import static org.assertj.core.api.Assertions.assertThat;

class ConvergenceRuleTest {

    private static final BinlogPosition EARLY = BinlogPosition.of("binlog.000002", 400, 0);
    private static final BinlogPosition LATE = BinlogPosition.of("binlog.000002", 900, 1);

    private static ProductState product(long version, String name) {
        return new ProductState(7, "SKU-7", name, "", new BigDecimal("19.90"), 3, version, Instant.parse("2026-11-23T10:00:00.123Z"));
    }

    private static StoredProduct stored(long version, String name, Side writtenBy) {
        return new StoredProduct(product(version, name), false, writtenBy, writtenBy == Side.MONOLITH ? EARLY : null);
    }

    @Test
    void aProductTheCatalogHasNotSeenIsInserted() {
        assertThat(ConvergenceRule.forward(null, product(0, "Oak chair"), false, LATE, Side.CATALOG)).isEqualTo(INSERTED);
        assertThat(ConvergenceRule.forward(null, product(0, "Oak chair"), true, LATE, Side.CATALOG)).isEqualTo(ALREADY_DELETED);
    }

    @Test
    void theHigherVersionWinsAndAnOlderOneIsStale() {
        assertThat(ConvergenceRule.forward(stored(3, "a", Side.CATALOG), product(4, "b"), false, LATE, Side.CATALOG)).isEqualTo(APPLIED);
        assertThat(ConvergenceRule.forward(stored(4, "a", Side.MONOLITH), product(3, "b"), false, LATE, Side.MONOLITH)).isEqualTo(STALE);
    }

    @Test
    void theSameVersionWithTheSameContentIsAnEchoWhoeverWroteIt() {
        assertThat(ConvergenceRule.forward(stored(5, "a", Side.CATALOG), product(5, "a"), false, LATE, Side.MONOLITH)).isEqualTo(ECHO);
        assertThat(ConvergenceRule.forward(stored(5, "a", Side.MONOLITH), product(5, "a"), false, LATE, Side.CATALOG)).isEqualTo(ECHO);
    }

    @Test
    void aCopyOfTheShopFollowsBinlogOrderWhenTheVersionDidNotMove() {
        // A raw SQL update in the shop that left `version` alone is newer, not a conflict ...
        assertThat(ConvergenceRule.forward(stored(5, "a", Side.MONOLITH), product(5, "b"), false, LATE, Side.CATALOG)).isEqualTo(APPLIED);
        // ... and an older read of the same version (a re-snapshot) does not undo it.
        StoredProduct newer = new StoredProduct(product(5, "b"), false, Side.MONOLITH, LATE);
        assertThat(ConvergenceRule.forward(newer, product(5, "a"), false, EARLY, Side.CATALOG)).isEqualTo(STALE);
    }

    @Test
    void bothSidesWritingTheSameVersionIsAConflictTheTieWinnerTakes() {
        assertThat(ConvergenceRule.forward(stored(5, "catalog's", Side.CATALOG), product(5, "monolith's"), false, LATE, Side.CATALOG))
                .isEqualTo(CONFLICT_CATALOG_WINS)
                .matches(o -> o.conflict() && !o.applies());
        assertThat(ConvergenceRule.forward(stored(5, "catalog's", Side.CATALOG), product(5, "monolith's"), false, LATE, Side.MONOLITH))
                .isEqualTo(CONFLICT_MONOLITH_WINS)
                .matches(o -> o.conflict() && o.applies());
    }

    @Test
    void aDeleteWinsOverAnyUpdateAndADeletedProductNeverComesBack() {
        assertThat(ConvergenceRule.forward(stored(5, "a", Side.MONOLITH), product(5, "a"), true, LATE, Side.CATALOG)).isEqualTo(DELETED);
        assertThat(ConvergenceRule.forward(stored(6, "changed here", Side.CATALOG), product(5, "a"), true, LATE, Side.CATALOG))
                .isEqualTo(DELETED_OVER_UPDATE)
                .matches(ConvergenceRule.Outcome::conflict);
        StoredProduct tombstone = new StoredProduct(product(6, "a"), true, Side.CATALOG, null);
        assertThat(ConvergenceRule.forward(tombstone, product(9, "late update"), false, LATE, Side.MONOLITH)).isEqualTo(ALREADY_DELETED);
    }
}
