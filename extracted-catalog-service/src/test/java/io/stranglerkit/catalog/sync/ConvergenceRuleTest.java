package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The convergence rule in both directions, from one table. A change comes {@code from} one side and
 * meets the other side's row ({@code held}); the rule says what happens to that row.
 * <ul>
 *   <li>held: {@code none}; {@code tombstone v6} (the catalog keeps one per deleted product);
 *       {@code v5 a} (a shop row: the shop records no writer); {@code v5 a by catalog};
 *       {@code v5 a by monolith at early} (a catalog copy of a shop change, from that binlog position)</li>
 *   <li>change: {@code update|create|delete v5 a}, optionally {@code by monolith} (who wrote the
 *       catalog's row) and {@code at late} (its binlog position)</li>
 * </ul>
 */
class ConvergenceRuleTest {

    private static final BinlogPosition EARLY = BinlogPosition.of("binlog.000002", 400, 0);
    private static final BinlogPosition LATE = BinlogPosition.of("binlog.000002", 900, 1);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                           | from     | held                      | change                  | tie      | outcome                | writes
            a product the catalog never had is inserted      | monolith | none                      | update v0 a             | catalog  | inserted               | true
            a delete of a product the catalog never had      | monolith | none                      | delete v0 a             | catalog  | already_deleted        | false
            the shop gets a product the catalog created      | catalog  | none                      | create v0 a             | catalog  | inserted               | true
            a shop without the row deleted it: delete wins   | catalog  | none                      | update v4 b             | catalog  | update_lost_to_delete  | false
            a delete the shop already has                    | catalog  | none                      | delete v3 a             | monolith | already_deleted        | false
            the higher version wins (forward)                | monolith | v3 a by catalog           | update v4 b             | catalog  | applied                | true
            the higher version wins (reverse)                | catalog  | v1 a                      | update v2 b             | monolith | applied                | true
            an older version is stale (forward)              | monolith | v4 a by monolith at late  | update v3 b             | monolith | stale                  | false
            an older version is stale (reverse)              | catalog  | v3 a                      | update v2 b             | catalog  | stale                  | false
            same version, same content: echo (forward)       | monolith | v5 a by catalog           | update v5 a             | monolith | echo                   | false
            a copy of the shop's change: echo                | monolith | v5 a by monolith at late  | update v5 a             | catalog  | echo                   | false
            same version, same content: echo (reverse)       | catalog  | v2 b                      | update v2 b             | catalog  | echo                   | false
            a catalog copy of a shop change is not sent back | catalog  | v1 a                      | update v9 z by monolith | catalog  | echo                   | false
            a raw SQL update that kept the version is newer  | monolith | v5 a by monolith at early | update v5 b at late     | catalog  | applied                | true
            an older read of that version does not undo it   | monolith | v5 b by monolith at late  | update v5 a at early    | catalog  | stale                  | false
            both wrote v5, catalog wins (forward)            | monolith | v5 c by catalog           | update v5 m             | catalog  | conflict_catalog_wins  | false
            both wrote v5, monolith wins (forward)           | monolith | v5 c by catalog           | update v5 m             | monolith | conflict_monolith_wins | true
            both wrote v5, catalog wins (reverse)            | catalog  | v5 m                      | update v5 c             | catalog  | conflict_catalog_wins  | true
            both wrote v5, monolith wins (reverse)           | catalog  | v5 m                      | update v5 c             | monolith | conflict_monolith_wins | false
            the monolith deletes a product                   | monolith | v5 a by monolith at early | delete v5 a at late     | catalog  | deleted                | true
            the monolith deletes what the catalog changed    | monolith | v6 x by catalog           | delete v5 a             | catalog  | deleted_over_update    | true
            the catalog deletes: the shop row goes           | catalog  | v2 a                      | delete v3 a             | monolith | deleted                | true
            a tombstone in the catalog's copy still deletes  | catalog  | v0 resurrected            | delete v1 a by monolith | catalog  | deleted                | true
            a deleted product never comes back (replay)      | monolith | tombstone v6              | update v5 a             | monolith | already_deleted        | false
            a shop update after the catalog deleted it       | monolith | tombstone v6              | update v6 late          | monolith | update_lost_to_delete  | false
            a delete meets a tombstone                       | monolith | tombstone v6              | delete v5 a             | catalog  | already_deleted        | false
            """)
    void decides(String name, String from, String held, String change, String tieWinner, String outcome, boolean writes) {
        ProductChange incoming = change(Side.ofColumn(from), change);
        ConvergenceRule.Outcome decided = ConvergenceRule.decide(held(held), incoming, Side.ofColumn(tieWinner));

        assertThat(decided.label()).isEqualTo(outcome);
        assertThat(decided.writes(incoming.to())).as("writes to the %s", incoming.to().column()).isEqualTo(writes);
    }

    private static StoredProduct held(String text) {
        List<String> w = words(text);
        if (w.get(0).equals("none")) {
            return null;
        }
        if (w.get(0).equals("tombstone")) {
            return new StoredProduct(product(version(w.get(1)), "gone"), true, Side.CATALOG, null);
        }
        Side writtenBy = w.contains("by") ? Side.ofColumn(w.get(w.indexOf("by") + 1)) : null;
        BinlogPosition source = w.contains("at") ? position(w.get(w.indexOf("at") + 1)) : null;
        return new StoredProduct(product(version(w.get(0)), w.get(1)), false, writtenBy, source);
    }

    private static ProductChange change(Side from, String text) {
        List<String> w = words(text);
        Side writtenBy = w.contains("by") ? Side.ofColumn(w.get(w.indexOf("by") + 1)) : from == Side.CATALOG ? Side.CATALOG : null;
        BinlogPosition position = w.contains("at") ? position(w.get(w.indexOf("at") + 1)) : LATE;
        return new ProductChange(from, product(version(w.get(1)), w.get(2)), w.get(0).equals("delete"), w.get(0).equals("create"),
                writtenBy, position);
    }

    private static ProductState product(long version, String name) {
        return new ProductState(7, "SKU-7", name, "", new BigDecimal("19.90"), 3, version, Instant.parse("2026-11-23T10:00:00.123Z"));
    }

    private static long version(String word) {
        return Long.parseLong(word.substring(1));
    }

    private static BinlogPosition position(String word) {
        return word.equals("early") ? EARLY : LATE;
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.trim().split("\\s+"));
    }
}
