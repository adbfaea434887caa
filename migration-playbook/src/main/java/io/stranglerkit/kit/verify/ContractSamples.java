package io.stranglerkit.kit.verify;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The requests {@code kit verify contract} sends: every operation of the contract, the answers a
 * client normally gets and the refusals it gets for bad input, built from the shop's own data (a
 * category, a product, a word of its name). Writes touch only a product made for the check.
 */
final class ContractSamples {

    /** One request; {@code body} is null for none. */
    record Sample(String method, String path, String body) {
    }

    /** What the shop holds, read before sampling. */
    record ShopData(long categoryId, long productId, String word) {

        /** Null when the answers hold no category or no product (an empty shop, or a problem answered). */
        static ShopData from(JsonNode categories, JsonNode products) {
            if (!categories.isArray() || categories.isEmpty() || !products.path("items").isArray() || products.path("items").isEmpty()) {
                return null;
            }
            JsonNode product = products.path("items").get(0);
            String word = product.path("name").asString().split("\\s+")[0].toLowerCase(Locale.ROOT);
            return new ShopData(categories.get(categories.size() - 1).path("id").asLong(), product.path("id").asLong(), word);
        }
    }

    static final long MISSING_ID = 9_000_000_000_000L;

    private ContractSamples() {
    }

    /** Reads any side may serve: sent through the proxy, and straight to each side that publishes the operation. */
    static List<Sample> reads(ShopData shop) {
        List<Sample> reads = new ArrayList<>(List.of(
                get("/api/products/search?q=" + shop.word() + "&size=5"),
                get("/api/products/search?q=" + shop.word() + "&page=1000000&size=100"),
                get("/api/products/search?q=%20"),
                get("/api/products/search?q=" + shop.word() + "&size=101"),
                get("/api/products?size=3"),
                get("/api/products?categoryId=" + shop.categoryId() + "&size=2"),
                get("/api/products?pgae=2"),
                get("/api/products/" + shop.productId()),
                get("/api/products/" + MISSING_ID),
                get("/api/products/not-a-number"),
                get("/api/categories"),
                get("/api/categories?size=5"),
                get("/api/categories/" + shop.categoryId()),
                get("/api/categories/" + MISSING_ID)));
        reads.add(get("/api/customers/" + MISSING_ID));
        reads.add(get("/api/orders/" + MISSING_ID));
        return reads;
    }

    /** Refused writes: they change nothing on any side. */
    static List<Sample> refusedWrites(ShopData shop) {
        return List.of(
                new Sample("POST", "/api/products", "{\"sku\":\"bad sku\",\"name\":\"\",\"price\":\"1.234\",\"categoryId\":" + shop.categoryId() + "}"),
                new Sample("PUT", "/api/products/" + MISSING_ID, product("CONTRACT-MISSING", "0", shop.categoryId(), 0)),
                new Sample("DELETE", "/api/products/" + MISSING_ID, null),
                new Sample("POST", "/api/categories", "{\"name\":\" \",\"colour\":\"red\"}"),
                new Sample("POST", "/api/customers", "{\"email\":\"not-an-email\",\"name\":\"\"}"),
                new Sample("POST", "/api/orders", "{\"customerId\":1,\"lines\":[]}"));
    }

    static String product(String sku, String price, long categoryId, long version) {
        return "{\"sku\":\"" + sku + "\",\"name\":\"Contract check\",\"description\":\"made by kit verify contract\",\"price\":\"" + price
                + "\",\"categoryId\":" + categoryId + ",\"version\":" + version + "}";
    }

    private static Sample get(String path) {
        return new Sample("GET", path, null);
    }
}
