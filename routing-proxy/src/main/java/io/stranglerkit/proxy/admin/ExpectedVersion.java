package io.stranglerkit.proxy.admin;

import tools.jackson.databind.JsonNode;

/** The route table version a change names: {@code "version": 7} in the body or {@code If-Match: "7"}; null when neither. */
final class ExpectedVersion {

    private ExpectedVersion() {
    }

    static Long of(JsonNode field, String ifMatch) {
        if (field != null) {
            if (!field.isIntegralNumber() || !field.canConvertToLong() || field.asLong() < 0) {
                throw new IllegalArgumentException("version must be the route table version you read (a whole number), got " + field);
            }
            return field.asLong();
        }
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("If-Match must be the ETag of GET /admin/routes, such as \"7\"; got " + ifMatch);
        }
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
