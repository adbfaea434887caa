package io.stranglerkit.catalog.sync;

import java.util.Locale;

/**
 * The one rule that makes the catalog and the shop converge, whichever side a write landed on. The
 * forward sync (shop to catalog) and the reverse sync (catalog to shop) both ask it, with the
 * receiving side's row and the sending side's change, both in the catalog's terms:
 *
 * <ol>
 *   <li>A catalog row the monolith wrote (a copy of a shop change) is not sent back: an echo.</li>
 *   <li>A delete wins over any concurrent update; a deleted product never comes back.</li>
 *   <li>Otherwise the higher {@code version} wins.</li>
 *   <li>Equal versions with equal content are an echo of a change already applied, or a replay: dropped.
 *       This is what stops a change bouncing between the two databases.</li>
 *   <li>Equal versions with different content where the receiving row is a copy of the sender's are the
 *       sender's newer state (e.g. a raw SQL update that kept {@code version}): binlog order decides.</li>
 *   <li>Equal versions, different content, both sides wrote: a conflict. The configured tie winner's
 *       content stays on both sides.</li>
 * </ol>
 * The catalog keeps a tombstone for every deleted product; the shop deletes its row. So a missing
 * catalog row means "never had it", while a missing shop row may mean "deleted": there, only a change
 * that creates the product inserts it.
 */
public final class ConvergenceRule {

    public enum Outcome {
        INSERTED,
        APPLIED,
        DELETED,
        /** The sender deleted a product the receiver had changed meanwhile: the delete wins. */
        DELETED_OVER_UPDATE,
        /** The sender changed a product the receiver had deleted meanwhile: the delete wins. */
        UPDATE_LOST_TO_DELETE,
        STALE,
        ECHO,
        ALREADY_DELETED,
        /** Same version written on both sides; the catalog's content stays on both. */
        CONFLICT_CATALOG_WINS,
        /** Same version written on both sides; the monolith's content stays on both. */
        CONFLICT_MONOLITH_WINS;

        /** Whether the receiving side writes anything. */
        public boolean writes(Side to) {
            return switch (this) {
                case INSERTED, APPLIED, DELETED, DELETED_OVER_UPDATE -> true;
                case CONFLICT_CATALOG_WINS -> to == Side.MONOLITH;
                case CONFLICT_MONOLITH_WINS -> to == Side.CATALOG;
                default -> false;
            };
        }

        /** Both sides wrote the product: counted and logged, so a person can look. */
        public boolean conflict() {
            return switch (this) {
                case DELETED_OVER_UPDATE, UPDATE_LOST_TO_DELETE, CONFLICT_CATALOG_WINS, CONFLICT_MONOLITH_WINS -> true;
                default -> false;
            };
        }

        public boolean deletes() {
            return this == DELETED || this == DELETED_OVER_UPDATE;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ConvergenceRule() {
    }

    /**
     * @param held      the receiving side's row, {@code null} if it has none; its {@code writtenBy} and
     *                  {@code source} are {@code null} where that side does not record them (the shop)
     * @param change    the sending side's change
     * @param tieWinner who keeps a same-version conflict
     */
    public static Outcome decide(StoredProduct held, ProductChange change, Side tieWinner) {
        Side to = change.to();
        ProductState incoming = change.state();
        if (change.copyOfReceiver()) {
            return Outcome.ECHO;
        }
        if (held == null) {
            if (change.deleted()) {
                return Outcome.ALREADY_DELETED;
            }
            boolean neverHadIt = to == Side.CATALOG;
            return neverHadIt || change.created() ? Outcome.INSERTED : Outcome.UPDATE_LOST_TO_DELETE;
        }
        ProductState mine = held.state();
        if (held.deleted()) {
            // A delete raises the version: only a write at or past it happened after the delete.
            boolean changedAfterTheDelete = !change.deleted() && incoming.version() >= mine.version();
            return changedAfterTheDelete ? Outcome.UPDATE_LOST_TO_DELETE : Outcome.ALREADY_DELETED;
        }
        if (change.deleted()) {
            boolean changedHere = held.writtenBy() == to && mine.version() > incoming.version();
            return changedHere ? Outcome.DELETED_OVER_UPDATE : Outcome.DELETED;
        }
        if (incoming.version() != mine.version()) {
            return incoming.version() > mine.version() ? Outcome.APPLIED : Outcome.STALE;
        }
        if (incoming.sameContentAs(mine)) {
            return Outcome.ECHO;
        }
        if (held.writtenBy() == change.from()) {
            boolean newer = held.source() == null || change.position().compareTo(held.source()) >= 0;
            return newer ? Outcome.APPLIED : Outcome.STALE;
        }
        return tieWinner == Side.CATALOG ? Outcome.CONFLICT_CATALOG_WINS : Outcome.CONFLICT_MONOLITH_WINS;
    }
}
