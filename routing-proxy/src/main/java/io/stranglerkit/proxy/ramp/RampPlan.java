package io.stranglerkit.proxy.ramp;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a ramp does with one route: the service percentages it moves through, how long each step is
 * held, and the thresholds every check must keep over that whole hold.
 *
 * @param maxP99Ms      an absolute ceiling for the service's p99 instead of the ratio to the monolith's; null: the ratio
 * @param loadPerSecond synthetic reads the proxy sends through itself during each step; 0: only real traffic
 * @param toLastGood    a failed check moves the route back to the last step that passed, not to 0%
 */
public record RampPlan(String route, List<Integer> steps, Duration hold, double maxErrorRatePercent, double maxP99Ratio,
                       Double maxP99Ms, long maxFallbacks, double minParityPercent, double maxLagSeconds, long minRequests,
                       int loadPerSecond, boolean toLastGood) {

    static final int MAX_LOAD_PER_SECOND = 500;
    private static final Set<String> FIELDS = Set.of("route", "steps", "hold", "maxErrorRatePercent", "maxP99Ratio", "maxP99Ms",
            "maxFallbacks", "minParityPercent", "maxLagSeconds", "minRequests", "loadPerSecond", "rollbackTo");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    /** What is wrong with a plan, for a 400 problem that names the field. */
    static final class Invalid extends Exception {
        final String field;
        final String reason;

        Invalid(String field, String reason) {
            super(field + " " + reason, null, false, false);
            this.field = field;
            this.reason = reason;
        }
    }

    /** A plan from {@code POST /admin/ramps}, checked whole: the defaults are the issue's, a field given replaces one. */
    static RampPlan parse(JsonNode json) throws Invalid {
        if (json == null || !json.isObject()) {
            throw new Invalid("body", "must be a JSON object such as {\"route\": \"search\", \"steps\": [10, 50, 100], \"hold\": \"60s\"}");
        }
        for (String field : json.propertyNames()) {
            if (!FIELDS.contains(field)) {
                throw new Invalid(field, "is not a known field; known are " + FIELDS.stream().sorted().toList());
            }
        }
        if (!json.path("route").isString() || json.path("route").asString().isBlank()) {
            throw new Invalid("route", "is required: the id of the route to ramp");
        }
        String rollbackTo = json.has("rollbackTo") ? json.get("rollbackTo").asString("?") : "zero";
        if (!rollbackTo.equals("zero") && !rollbackTo.equals("last-good-step")) {
            throw new Invalid("rollbackTo", "must be \"zero\" or \"last-good-step\", got " + json.get("rollbackTo"));
        }
        return new RampPlan(json.get("route").asString(), steps(json.get("steps")), hold(json.get("hold")),
                number(json, "maxErrorRatePercent", 1, 100), number(json, "maxP99Ratio", 1.5, Double.MAX_VALUE),
                json.has("maxP99Ms") && !json.get("maxP99Ms").isNull() ? number(json, "maxP99Ms", 0, Double.MAX_VALUE) : null,
                whole(json, "maxFallbacks", 5, 0, Long.MAX_VALUE), number(json, "minParityPercent", 99.5, 100),
                number(json, "maxLagSeconds", 1, Double.MAX_VALUE), whole(json, "minRequests", 100, 1, Long.MAX_VALUE),
                (int) whole(json, "loadPerSecond", 0, 0, MAX_LOAD_PER_SECOND), rollbackTo.equals("last-good-step"));
    }

    private static List<Integer> steps(JsonNode steps) throws Invalid {
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new Invalid("steps", "must be a non-empty list of percentages, e.g. [10, 25, 50, 100]");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode step : steps) {
            if (!step.isIntegralNumber() || !step.canConvertToInt() || step.asInt() < 1 || step.asInt() > 100) {
                throw new Invalid("steps", "must be whole numbers from 1 to 100, got " + step);
            }
            if (!out.isEmpty() && step.asInt() <= out.get(out.size() - 1)) {
                throw new Invalid("steps", "must increase, got " + step + " after " + out.get(out.size() - 1));
            }
            out.add(step.asInt());
        }
        return List.copyOf(out);
    }

    private static Duration hold(JsonNode hold) throws Invalid {
        if (hold == null) {
            throw new Invalid("hold", "is required: how long each step is held and judged, e.g. \"60s\"");
        }
        Duration duration = hold.isNumber() ? Duration.ofMillis(Math.round(hold.asDouble() * 1000)) : duration(hold.asString(""));
        if (duration == null) {
            throw new Invalid("hold", "must be a duration such as \"60s\", \"2m\" or \"1500ms\", got " + hold);
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new Invalid("hold", "must be at least 1s: one analysis interval, got " + hold);
        }
        return duration;
    }

    /** "60s", "2m", "1500ms", "1h"; a bare number is seconds. null when it is none of these. */
    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            return null;
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static double number(JsonNode json, String field, double fallback, double max) throws Invalid {
        if (!json.has(field)) {
            return fallback;
        }
        JsonNode value = json.get(field);
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > max || Double.isNaN(value.asDouble())) {
            throw new Invalid(field, "must be a number from 0" + (max == Double.MAX_VALUE ? "" : " to " + (long) max) + ", got " + value);
        }
        return value.asDouble();
    }

    private static long whole(JsonNode json, String field, long fallback, long min, long max) throws Invalid {
        if (!json.has(field)) {
            return fallback;
        }
        JsonNode value = json.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw new Invalid(field, "must be a whole number from " + min + (max == Long.MAX_VALUE ? " up" : " to " + max) + ", got " + value);
        }
        return value.asLong();
    }

    int lastStep() {
        return steps.get(steps.size() - 1);
    }
}
