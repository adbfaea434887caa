package io.stranglerkit.catalog.sync;

import java.util.Locale;

/** The two writers of product data while the migration runs. */
public enum Side {
    CATALOG, MONOLITH;

    /** As stored in {@code product.written_by} and shown in outcomes and logs. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Side other() {
        return this == CATALOG ? MONOLITH : CATALOG;
    }

    public static Side ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
