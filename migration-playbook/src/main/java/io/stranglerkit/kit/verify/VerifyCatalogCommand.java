package io.stranglerkit.kit.verify;

import picocli.CommandLine.Command;

import java.util.List;

/**
 * {@code kit verify catalog}: the monolith's products against the catalog service's, both ways
 * (missing on either side, and every field). The catalog's decimal price is compared in cents, its
 * tombstones count as absent: the translation the two syncs apply, done here in SQL.
 */
@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = {"Compares shop.product with the catalog service's products (catalog.product, deleted ones left out).",
                "Every field the API shows: sku, name, description, price, category, version, updatedAt.",
                "Writes converge both ways through CDC: --wait 30s keeps checking until clean or the time is up.",
                "Exit 0 clean, 1 drift, 2 bad usage."})
public class VerifyCatalogCommand extends VerifyAgainstMonolith {

    static final List<String> FIELDS = List.of("sku", "name", "description", "price_cents", "category_id", "version", "updated_at");

    @Override
    List<String> fields() {
        return FIELDS;
    }

    @Override
    String monolithRows() {
        return "SELECT id, sku, name, description, price_cents, category_id, version, updated_at"
                + " FROM shop.product WHERE id BETWEEN ? AND ?";
    }

    @Override
    String serviceColumns() {
        return "sku, name, description, CAST(price * 100 AS SIGNED), category_id, version, updated_at";
    }

    @Override
    String serviceTable() {
        return "catalog.product";
    }

    @Override
    String serviceLiveRows() {
        return "deleted_at IS NULL";
    }

    @Override
    String serviceLabel() {
        return "catalog";
    }

    @Override
    String example() {
        return "e.g. kit verify catalog --wait 30s";
    }

    @Override
    String repairHint() {
        return "the catalog service's and the cdc-bridge's /status show conflicts and errors; ids listed above are the ones to look at.";
    }
}
