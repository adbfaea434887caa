package io.stranglerkit.cdc.reverse;

/**
 * The catalog service's convergence rule (its {@code sync/ConvergenceRule}), seen from the shop's side:
 * a delete wins over a concurrent update, otherwise the higher version wins, equal content is an echo,
 * and equal versions with different content are a conflict that the configured tie winner takes. A
 * catalog row that is a copy of a shop change ({@code written_by = monolith}) is never sent back,
 * except a tombstone: a delete is final and idempotent, so the shop's row goes whichever side deleted
 * first. (That also removes a row that a replayed create put back after the shop had deleted it.)
 */
public final class ReverseRule {

    public enum Outcome {
        INSERTED(false), APPLIED(false), DELETED(false),
        /** The shop deleted the product while the catalog changed it: the delete wins. */
        UPDATE_LOST_TO_DELETE(true),
        STALE(false), ECHO(false), COPY_OF_SHOP_CHANGE(false), ALREADY_DELETED(false),
        CONFLICT_CATALOG_WINS(true), CONFLICT_MONOLITH_WINS(true);

        private final boolean conflict;

        Outcome(boolean conflict) {
            this.conflict = conflict;
        }

        public boolean conflict() {
            return conflict;
        }

        public boolean writes() {
            return this == INSERTED || this == APPLIED || this == DELETED || this == CONFLICT_CATALOG_WINS;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ReverseRule() {
    }

    /** A catalog row copied from a shop change, not a tombstone: nothing to send back, no need to read the shop. */
    public static boolean isCopyOfShopChange(CatalogChange change) {
        return !change.writtenByCatalog() && !change.deleted();
    }

    /**
     * @param shop     the shop's current row, {@code null} if it has none
     * @param catalogWinsTies the configured tie winner is the catalog
     */
    public static Outcome decide(ShopRow shop, CatalogChange change, boolean catalogWinsTies) {
        if (isCopyOfShopChange(change)) {
            return Outcome.COPY_OF_SHOP_CHANGE;
        }
        if (change.deleted()) {
            return shop == null ? Outcome.ALREADY_DELETED : Outcome.DELETED;
        }
        if (shop == null) {
            return change.created() ? Outcome.INSERTED : Outcome.UPDATE_LOST_TO_DELETE;
        }
        ShopRow incoming = change.row();
        if (incoming.version() != shop.version()) {
            return incoming.version() > shop.version() ? Outcome.APPLIED : Outcome.STALE;
        }
        if (incoming.sameContentAs(shop)) {
            return Outcome.ECHO;
        }
        return catalogWinsTies ? Outcome.CONFLICT_CATALOG_WINS : Outcome.CONFLICT_MONOLITH_WINS;
    }
}
