package io.stranglerkit.proxy.ramp;

/**
 * One check of a step, as last judged: what was measured, against what, and the verdict.
 *
 * @param check     requests, error-rate, p99, fallbacks, parity or freshness
 * @param verdict   pass, fail, waiting (not enough data yet) or skipped (nothing to judge it by)
 * @param measured  the value as a number (null when there is none)
 * @param value     the value as people read it, e.g. "0.40% (2 of 500)"
 * @param threshold the limit as people read it, e.g. "at most 1%"
 */
public record RampCheck(String check, String verdict, Double measured, String value, String threshold) {

    static final String PASS = "pass";
    static final String FAIL = "fail";
    static final String WAITING = "waiting";
    static final String SKIPPED = "skipped";

    boolean failed() {
        return verdict.equals(FAIL);
    }
}
