package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.BinlogPosition;
/**
 * The rule that makes the catalog and the shop converge, whichever side a write landed on. The
 * cdc-bridge's reverse sync applies the same rule to the shop (see the README's table):
 *
 * <ol>
 *   <li>A delete wins over any concurrent update; a deleted product never comes back.</li>
 *   <li>Otherwise the higher {@code version} wins.</li>
 *   <li>Equal versions with equal content are an echo of a change already applied, or a replay: dropped.
 *       This is what stops a change bouncing between the two databases.</li>
 *   <li>Equal versions with different content where this side's row is a copy of the other side are
 *       the other side's newer state (e.g. a raw SQL update that kept {@code version}): binlog order
 *       decides.</li>
 *   <li>Equal versions, different content, both sides wrote: a conflict. The configured tie winner's
 *       content stays on both sides.</li>
 * </ol>
 */
public final class ConvergenceRule {

    public enum Outcome {
        INSERTED(true, false),
        APPLIED(true, false),
        DELETED(true, false),
        /** The monolith deleted a product the catalog had changed meanwhile: the delete wins. */
        DELETED_OVER_UPDATE(true, true),
        STALE(false, false),
        ECHO(false, false),
        ALREADY_DELETED(false, false),
        /** Same version written on both sides; the monolith is the tie winner, so its content is applied. */
        CONFLICT_MONOLITH_WINS(true, true),
        /** Same version written on both sides; the catalog is the tie winner, so its content stays. */
        CONFLICT_CATALOG_WINS(false, true);

        private final boolean applies;
        private final boolean conflict;

        Outcome(boolean applies, boolean conflict) {
            this.applies = applies;
            this.conflict = conflict;
        }

        public boolean applies() {
            return applies;
        }

        public boolean conflict() {
            return conflict;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ConvergenceRule() {
    }

    /**
     * What to do with a change of the shop's product table, given the catalog's current row.
     *
     * @param current  the catalog's row, {@code null} if it never had the product
     * @param incoming the shop's row after the change (before it, for a delete)
     */
    public static Outcome forward(StoredProduct current, ProductState incoming, boolean incomingIsDelete,
                                  BinlogPosition incomingPosition, Side tieWinner) {
        if (current == null) {
            return incomingIsDelete ? Outcome.ALREADY_DELETED : Outcome.INSERTED;
        }
        if (current.deleted()) {
            return Outcome.ALREADY_DELETED;
        }
        ProductState mine = current.state();
        if (incomingIsDelete) {
            boolean catalogChangedIt = current.writtenBy() == Side.CATALOG && mine.version() > incoming.version();
            return catalogChangedIt ? Outcome.DELETED_OVER_UPDATE : Outcome.DELETED;
        }
        if (incoming.version() != mine.version()) {
            return incoming.version() > mine.version() ? Outcome.APPLIED : Outcome.STALE;
        }
        if (incoming.sameContentAs(mine)) {
            return Outcome.ECHO;
        }
        if (current.writtenBy() == Side.MONOLITH) {
            boolean newer = current.source() == null || incomingPosition.compareTo(current.source()) >= 0;
            return newer ? Outcome.APPLIED : Outcome.STALE;
        }
        return tieWinner == Side.MONOLITH ? Outcome.CONFLICT_MONOLITH_WINS : Outcome.CONFLICT_CATALOG_WINS;
    }
}
