package io.stranglerkit.proxy.ramp;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges a step's window against a plan. Counted checks (errors, parity) are judged against at least
 * {@code minRequests}: a few requests cannot fail a step on one error, yet a dead service, whose errors
 * exceed what even the minimum could allow, fails it at once. Latency is judged only once the service
 * had {@code minRequests}: a p99 of ten requests is noise. Nothing is ever judged on no data.
 */
final class Analysis {

    private Analysis() {
    }

    /**
     * @param monolithP99Ms the monolith's p99 on this route, this step's when it had enough requests,
     *                      else the last one measured (null: none yet)
     * @param p99FloorMs    a service p99 under this passes whatever the ratio: below it differences are noise
     * @param shadowing     whether the route's reads are shadowed (parity is judged only then)
     * @param lag           the read model's freshness
     */
    static List<RampCheck> judge(RampPlan plan, StepWindow window, Double monolithP99Ms, double p99FloorMs, boolean shadowing,
                                 Freshness.Reading lag) {
        List<RampCheck> checks = new ArrayList<>();
        long count = window.service().count();
        boolean enough = count >= plan.minRequests();
        checks.add(new RampCheck("requests", enough ? RampCheck.PASS : RampCheck.WAITING, (double) count,
                count + " on the service", "at least " + plan.minRequests()));
        checks.add(errorRate(plan, window));
        checks.add(p99(plan, window, enough, monolithP99Ms, p99FloorMs));
        checks.add(new RampCheck("fallbacks", window.fallbacks() > plan.maxFallbacks() ? RampCheck.FAIL : RampCheck.PASS,
                (double) window.fallbacks(), String.valueOf(window.fallbacks()), "at most " + plan.maxFallbacks()));
        checks.add(parity(plan, window, shadowing));
        checks.add(freshness(plan, lag));
        return checks;
    }

    private static RampCheck errorRate(RampPlan plan, StepWindow window) {
        long count = window.service().count();
        long errors = window.service().errors();
        double ratePercent = 100.0 * errors / Math.max(count, plan.minRequests());
        String verdict = ratePercent > plan.maxErrorRatePercent() ? RampCheck.FAIL
                : count >= plan.minRequests() ? RampCheck.PASS : RampCheck.WAITING;
        return new RampCheck("error-rate", verdict, ratePercent, percent(ratePercent) + " (" + errors + " of " + count
                + (count < plan.minRequests() ? ", judged as of " + plan.minRequests() : "") + ")",
                "at most " + percent(plan.maxErrorRatePercent()));
    }

    private static RampCheck p99(RampPlan plan, StepWindow window, boolean enough, Double monolithP99Ms, double floorMs) {
        double p99 = window.service().p99Ms();
        Double limit = plan.maxP99Ms() != null ? plan.maxP99Ms()
                : monolithP99Ms == null ? null : Math.max(floorMs, plan.maxP99Ratio() * monolithP99Ms);
        String threshold = plan.maxP99Ms() != null ? "at most " + ms(plan.maxP99Ms())
                : monolithP99Ms == null ? plan.maxP99Ratio() + "x the monolith's p99 (not measured yet)"
                : "at most " + ms(limit) + " (" + plan.maxP99Ratio() + "x the monolith's " + ms(monolithP99Ms)
                + (limit == floorMs ? ", floor " + ms(floorMs) : "") + ")";
        String verdict = limit == null ? RampCheck.SKIPPED : !enough ? RampCheck.WAITING : p99 > limit ? RampCheck.FAIL : RampCheck.PASS;
        return new RampCheck("p99", verdict, window.service().count() == 0 ? null : p99,
                window.service().count() == 0 ? "no requests" : ms(p99), threshold);
    }

    private static RampCheck parity(RampPlan plan, StepWindow window, boolean shadowing) {
        String threshold = "at least " + percent(plan.minParityPercent());
        long compared = window.agreed() + window.different();
        if (!shadowing && compared == 0) {
            return new RampCheck("parity", RampCheck.SKIPPED, null, "shadowing is off", threshold);
        }
        double differentPercent = 100.0 * window.different() / Math.max(compared, plan.minRequests());
        boolean failed = differentPercent > 100 - plan.minParityPercent();
        Double parity = compared == 0 ? null : 100.0 * window.agreed() / compared;
        return new RampCheck("parity", failed ? RampCheck.FAIL : compared == 0 ? RampCheck.WAITING : RampCheck.PASS, parity,
                compared == 0 ? "nothing compared yet" : percent(parity) + " (" + window.different() + " different of " + compared + ")",
                threshold);
    }

    private static RampCheck freshness(RampPlan plan, Freshness.Reading lag) {
        String threshold = "under " + plan.maxLagSeconds() + " s";
        if (lag == null) {
            return new RampCheck("freshness", RampCheck.SKIPPED, null, "no read model behind this route", threshold);
        }
        if (lag.unreadable() != null) {
            return new RampCheck("freshness", lag.failedTwice() ? RampCheck.FAIL : RampCheck.WAITING, null, lag.unreadable(), threshold);
        }
        boolean over = lag.seconds() > plan.maxLagSeconds();
        return new RampCheck("freshness", over && lag.failedTwice() ? RampCheck.FAIL : over ? RampCheck.WAITING : RampCheck.PASS,
                lag.seconds(), String.format("%.2f s", lag.seconds()), threshold);
    }

    static String percent(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format("%.2f", value)) + "%";
    }

    private static String ms(double value) {
        return String.format("%.1f ms", value);
    }
}
