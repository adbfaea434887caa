package io.stranglerkit.catalog.sync;

/** The two writers of product data while the migration runs. */
public enum Side {
    CATALOG, MONOLITH;

    /** As stored in {@code product.written_by}. */
    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Side ofColumn(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
