package io.stranglerkit.console.traffic;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RouteTrafficTest {

    private static Totals.Side side(long count, long errors, long... millis) {
        Histogram latencies = new Histogram(1_000L, 120_000_000_000L, 2);
        for (long ms : millis) {
            latencies.recordValue(ms * 1_000_000);
        }
        return new Totals.Side(count, errors, latencies);
    }

    private static Totals totals(long at, Totals.Side service, Totals.Side monolith, long fallbacks, String processes) {
        return new Totals(at, service, monolith, fallbacks, 0, 0, processes);
    }

    @Test
    void theWindowIsTheLaterTotalsMinusTheEarlierAndTheRateIsOverTheLastTick() {
        RouteTraffic traffic = new RouteTraffic();
        RoutePoint first = traffic.add(totals(0, side(0, 0), side(10, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5), 0, "a"));
        assertThat(first.monolithPerSecond()).as("no rate from one reading").isZero();

        RoutePoint second = traffic.add(totals(1000, side(5, 1, 100, 100, 100, 100, 100), side(15, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5,
                20, 20, 20, 20, 20), 2, "a"));
        assertThat(second.servicePerSecond()).isEqualTo(5.0);
        assertThat(second.monolithPerSecond()).isEqualTo(5.0);
        assertThat(second.servicePercentServed()).as("5 of the 10 requests since the first reading").isEqualTo(50.0);
        assertThat(second.serviceP99Ms()).isCloseTo(100.0, within(1.0));
        assertThat(second.monolithP99Ms()).as("only the window's requests, not the 5 ms ones before it").isCloseTo(20.0, within(0.5));
        assertThat(second.serviceErrors10s()).isEqualTo(1);
        assertThat(second.fallbacks10s()).isEqualTo(2);
    }

    @Test
    void aSideThatServedNothingHasNoPercentilesAndNoShare() {
        RouteTraffic traffic = new RouteTraffic();
        traffic.add(totals(0, side(0, 0), side(0, 0), 0, "a"));
        RoutePoint idle = traffic.add(totals(1000, side(0, 0), side(0, 0), 0, "a"));
        assertThat(idle.serviceP99Ms()).isNull();
        assertThat(idle.servicePercentServed()).isNull();
    }

    @Test
    void readingsOlderThanTenSecondsLeaveTheWindow() {
        RouteTraffic traffic = new RouteTraffic();
        traffic.add(totals(0, side(0, 0), side(100, 0), 0, "a"));
        for (int second = 1; second <= 12; second++) {
            traffic.add(totals(second * 1000L, side(second, 0), side(100, 0), 0, "a"));
        }
        RoutePoint last = traffic.add(totals(13_000, side(13, 0), side(100, 0), 0, "a"));
        assertThat(last.servicePercentServed()).as("the last 10 s: service only").isEqualTo(100.0);
    }

    @Test
    void aRestartedReplicaStartsAFreshWindowInsteadOfNegativeCounts() {
        RouteTraffic traffic = new RouteTraffic();
        traffic.add(totals(0, side(500, 0), side(500, 0), 40, "a"));
        RoutePoint afterRestart = traffic.add(totals(1000, side(3, 0, 7, 7, 7), side(2, 0), 0, "b"));
        assertThat(afterRestart.servicePerSecond()).isZero();
        assertThat(afterRestart.fallbacks10s()).isZero();
        assertThat(afterRestart.servicePercentServed()).as("one reading of the new process: no window yet").isNull();
        RoutePoint next = traffic.add(totals(2000, side(6, 0, 7, 7, 7, 9, 9, 9), side(4, 0), 1, "b"));
        assertThat(next.servicePerSecond()).isEqualTo(3.0);
        assertThat(next.servicePercentServed()).isEqualTo(60.0);
        assertThat(next.fallbacks10s()).isEqualTo(1);
    }

    @Test
    void theChartsKeepFiveMinutes() {
        RouteTraffic traffic = new RouteTraffic();
        for (int second = 0; second < RouteTraffic.HISTORY_POINTS + 50; second++) {
            traffic.add(totals(second * 1000L, side(second, 0), side(0, 0), 0, "a"));
        }
        assertThat(traffic.history()).hasSize(RouteTraffic.HISTORY_POINTS);
        assertThat(traffic.history().get(0).at()).isEqualTo(50_000);
    }
}
