package io.stranglerkit.proxy.ramp;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Freshness.Reading FRESH = new Freshness.Reading(0.1, null, false);

    private static RampPlan plan(String extra) throws RampPlan.Invalid {
        return RampPlan.parse(JSON.readTree("{\"route\":\"search\",\"steps\":[10,100],\"hold\":\"60s\"" + extra + "}"));
    }

    private static ReplicaTotals.Side side(long count, long errors, long latencyMs) {
        Histogram h = new Histogram(1_000L, 120_000_000_000L, 2);
        if (count > 0) {
            h.recordValueWithCount(latencyMs * 1_000_000, count);
        }
        return new ReplicaTotals.Side(count, errors, h);
    }

    private static StepWindow window(ReplicaTotals.Side service, ReplicaTotals.Side monolith, long fallbacks, long agreed, long different) {
        return new StepWindow(Duration.ofSeconds(10), service, monolith, fallbacks, agreed, different, 1);
    }

    private static Map<String, RampCheck> byName(List<RampCheck> checks) {
        return checks.stream().collect(java.util.stream.Collectors.toMap(RampCheck::check, c -> c));
    }

    @Test
    void aHealthyStepPassesEveryCheck() throws Exception {
        var checks = byName(Analysis.judge(plan(""), window(side(500, 1, 20), side(4500, 0, 20), 0, 0, 0), 20.0, 5, false, FRESH));
        assertThat(checks.values()).extracting(RampCheck::verdict).doesNotContain(RampCheck.FAIL, RampCheck.WAITING);
        assertThat(checks.get("error-rate").value()).isEqualTo("0.20% (1 of 500)");
        assertThat(checks.get("parity").verdict()).isEqualTo(RampCheck.SKIPPED);
    }

    @Test
    void fewRequestsAreNeverJudgedOnOneError() throws Exception {
        var checks = byName(Analysis.judge(plan(""), window(side(3, 1, 20), side(30, 0, 20), 0, 0, 0), 20.0, 5, false, FRESH));
        assertThat(checks.get("requests").verdict()).isEqualTo(RampCheck.WAITING);
        assertThat(checks.get("error-rate").verdict()).as("1 error of at least 100 is 1%").isEqualTo(RampCheck.WAITING);
        assertThat(checks.get("p99").verdict()).isEqualTo(RampCheck.WAITING);
    }

    @Test
    void aDeadServiceFailsAtOnceOnErrorsOrFallbacks() throws Exception {
        var errors = byName(Analysis.judge(plan(""), window(side(5, 5, 1), side(30, 0, 20), 0, 0, 0), 20.0, 5, false, FRESH));
        assertThat(errors.get("error-rate").verdict()).isEqualTo(RampCheck.FAIL);
        assertThat(errors.get("error-rate").value()).contains("5 of 5, judged as of 100");
        var fallbacks = byName(Analysis.judge(plan(""), window(side(0, 0, 0), side(30, 0, 20), 6, 0, 0), 20.0, 5, false, FRESH));
        assertThat(fallbacks.get("fallbacks").verdict()).isEqualTo(RampCheck.FAIL);
        assertThat(fallbacks.get("fallbacks").threshold()).isEqualTo("at most 5");
    }

    @Test
    void p99IsJudgedAgainstTheMonolithsWithAFloor() throws Exception {
        var slow = byName(Analysis.judge(plan(""), window(side(200, 0, 80), side(1800, 0, 40), 0, 0, 0), 40.0, 5, false, FRESH));
        assertThat(slow.get("p99").verdict()).isEqualTo(RampCheck.FAIL);
        assertThat(slow.get("p99").threshold()).startsWith("at most 60.0 ms (1.5x the monolith's 40.0 ms");
        var underFloor = byName(Analysis.judge(plan(""), window(side(200, 0, 3), side(1800, 0, 1), 0, 0, 0), 1.0, 5, false, FRESH));
        assertThat(underFloor.get("p99").verdict()).isEqualTo(RampCheck.PASS);
        var absolute = byName(Analysis.judge(plan(",\"maxP99Ms\":50"), window(side(200, 0, 80), side(0, 0, 0), 0, 0, 0), null, 5, false, FRESH));
        assertThat(absolute.get("p99").verdict()).isEqualTo(RampCheck.FAIL);
        var noBaseline = byName(Analysis.judge(plan(""), window(side(200, 0, 80), side(0, 0, 0), 0, 0, 0), null, 5, false, FRESH));
        assertThat(noBaseline.get("p99").verdict()).isEqualTo(RampCheck.SKIPPED);
    }

    @Test
    void parityCountsOnlyWhenShadowing() throws Exception {
        var low = byName(Analysis.judge(plan(""), window(side(500, 0, 1), side(0, 0, 0), 0, 190, 10), null, 5, true, FRESH));
        assertThat(low.get("parity").verdict()).isEqualTo(RampCheck.FAIL);
        assertThat(low.get("parity").value()).isEqualTo("95% (10 different of 200)");
        var good = byName(Analysis.judge(plan(""), window(side(500, 0, 1), side(0, 0, 0), 0, 1000, 0), null, 5, true, FRESH));
        assertThat(good.get("parity").verdict()).isEqualTo(RampCheck.PASS);
    }

    @Test
    void aLaggingReadModelFailsOnlyOnTheSecondReading() throws Exception {
        StepWindow ok = window(side(500, 0, 1), side(0, 0, 0), 0, 0, 0);
        var once = byName(Analysis.judge(plan(""), ok, null, 5, false, new Freshness.Reading(3.2, null, false)));
        assertThat(once.get("freshness").verdict()).isEqualTo(RampCheck.WAITING);
        var twice = byName(Analysis.judge(plan(""), ok, null, 5, false, new Freshness.Reading(3.2, null, true)));
        assertThat(twice.get("freshness").verdict()).isEqualTo(RampCheck.FAIL);
        assertThat(twice.get("freshness").value()).isEqualTo("3.20 s");
        var none = byName(Analysis.judge(plan(""), ok, null, 5, false, null));
        assertThat(none.get("freshness").verdict()).isEqualTo(RampCheck.SKIPPED);
    }

    @Test
    void aReplicaThatRestartedOrWasResetCountsFromZero() {
        ReplicaTotals before = new ReplicaTotals("a", "p1", side(100, 1, 5), side(50, 0, 5), 2, 10, 1);
        ReplicaTotals after = new ReplicaTotals("a", "p1", side(300, 4, 5), side(80, 0, 5), 3, 30, 1);
        ReplicaTotals step = after.minus(before);
        assertThat(step.service().count()).isEqualTo(200);
        assertThat(step.service().latencies().getTotalCount()).isEqualTo(200);
        assertThat(step.service().errors()).isEqualTo(3);
        assertThat(step.fallbacks()).isEqualTo(1);
        assertThat(step.agreed()).isEqualTo(20);
        ReplicaTotals restarted = new ReplicaTotals("a", "p2", side(7, 0, 5), side(0, 0, 5), 0, 0, 0);
        assertThat(restarted.minus(before).service().count()).isEqualTo(7);
        ReplicaTotals diffsReset = new ReplicaTotals("a", "p1", side(300, 4, 5), side(80, 0, 5), 3, 4, 0);
        assertThat(diffsReset.minus(before).agreed()).isEqualTo(4);
        StepWindow window = RampReadings.window(Duration.ofSeconds(5), Map.of("a", after, "b", restarted), Map.of("a", before));
        assertThat(window.service().count()).isEqualTo(207);
        assertThat(ReplicaTotals.fromJson(after.toJson()).service().latencies().getTotalCount()).isEqualTo(300);
    }
}
