package io.stranglerkit.kit.verify;

import picocli.CommandLine.Command;

import java.util.List;

/** {@code kit verify search}: the monolith's products against the search service's read model. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = {"Compares shop.product (with its category's name) with the search service's model (search.product_doc).",
                "Counts, per-chunk checksums of the fields the service keeps, then the ids and fields that differ.",
                "CDC is eventually consistent: --wait 30s keeps checking until clean or the time is up, then judges.",
                "Exit 0 clean, 1 drift, 2 bad usage."})
public class VerifySearchCommand extends VerifyAgainstMonolith {

    static final List<String> FIELDS = List.of("sku", "name", "description", "price_cents", "category_id", "category", "version");

    @Override
    List<String> fields() {
        return FIELDS;
    }

    @Override
    String monolithRows() {
        return "SELECT p.id, p.sku, p.name, p.description, p.price_cents, p.category_id, c.name, p.version"
                + " FROM shop.product p JOIN shop.category c ON c.id = p.category_id WHERE p.id BETWEEN ? AND ?";
    }

    @Override
    String serviceColumns() {
        return "sku, name, description, price_cents, category_id, category_name, version";
    }

    @Override
    String serviceTable() {
        return "search.product_doc";
    }

    @Override
    String serviceLiveRows() {
        return "NOT deleted";
    }

    @Override
    String serviceLabel() {
        return "search model";
    }

    @Override
    String example() {
        return "e.g. kit verify search --wait 30s";
    }

    @Override
    String repairHint() {
        return "to repair, POST /admin/rebuild on the search service.";
    }
}
