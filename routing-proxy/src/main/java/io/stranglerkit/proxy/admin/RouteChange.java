package io.stranglerkit.proxy.admin;

import io.stranglerkit.split.Split;
import tools.jackson.databind.JsonNode;

import java.util.Set;

/**
 * One {@code PUT /admin/routes/{id}} body, checked whole before anything changes: the fields it
 * sets (the others keep their value) and the table version it was made against.
 */
record RouteChange(Integer servicePercent, Boolean sticky, Integer shadowPercent, Long version) {

    private static final Set<String> FIELDS = Set.of("servicePercent", "sticky", "shadowPercent", "version");

    /** What is wrong with a body, for a 400 problem that names the field. */
    static final class Invalid extends Exception {
        final String field;
        final String reason;

        Invalid(String detail, String field, String reason) {
            super(detail, null, false, false);
            this.field = field;
            this.reason = reason;
        }
    }

    /**
     * @param readsOnly whether the route takes only reads: writes are never shadowed, so a write
     *                  route refuses a shadowPercent other than 0
     */
    static RouteChange parse(JsonNode json, String ifMatch, String routeId, boolean readsOnly) throws Invalid {
        if (json == null || !json.isObject()) {
            throw new Invalid("send a JSON object such as {\"servicePercent\": 30}", "body", "is required and must be a JSON object");
        }
        for (String field : json.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new Invalid(field + " cannot be changed; send servicePercent, sticky and/or shadowPercent", field,
                        "is not a known field");
            }
        }
        Integer percent = percent(json, "servicePercent");
        Integer shadow = percent(json, "shadowPercent");
        if (shadow != null && shadow != 0 && !readsOnly) {
            throw new Invalid(routeId + " takes writes, and writes are never shadowed: shadowPercent must be 0 here",
                    "shadowPercent", "must be 0 on a route that takes writes, got " + shadow);
        }
        Boolean sticky = null;
        if (json.has("sticky")) {
            if (!json.get("sticky").isBoolean()) {
                throw new Invalid("sticky must be true or false", "sticky", "must be true or false, got " + json.get("sticky"));
            }
            sticky = json.get("sticky").asBoolean();
        }
        if (percent == null && sticky == null && shadow == null) {
            throw new Invalid("nothing to change: send servicePercent, sticky and/or shadowPercent", "body",
                    "must contain servicePercent, sticky or shadowPercent");
        }
        try {
            return new RouteChange(percent, sticky, shadow, ExpectedVersion.of(json.get("version"), ifMatch));
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage(), json.has("version") ? "version" : "If-Match", e.getMessage());
        }
    }

    private static Integer percent(JsonNode json, String field) throws Invalid {
        if (!json.has(field)) {
            return null;
        }
        JsonNode value = json.get(field);
        if (!value.isIntegralNumber()) {
            throw new Invalid(field + " must be a whole number from 0 to 100", field, "must be a whole number from 0 to 100, got " + value);
        }
        if (!value.canConvertToInt() || value.asInt() < 0 || value.asInt() > 100) {
            throw new Invalid(field + " must be between 0 and 100", field, "must be between 0 and 100, got " + value);
        }
        return value.asInt();
    }

    /** The split after this change: what it sets, and the rest as it was. */
    Split applyTo(Split old) {
        return new Split(servicePercent == null ? old.servicePercent() : servicePercent, sticky == null ? old.sticky() : sticky,
                shadowPercent == null ? old.shadowPercent() : shadowPercent);
    }
}
