package io.stranglerkit.proxy.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyWindowTest {

    private static final long MS = 1_000_000L;

    @Test
    void lastMinuteKeepsSixtySecondsAndForgetsWhatLeavesTheWindow() {
        LatencyWindow window = new LatencyWindow();
        window.record(5 * MS, false);
        window.record(7 * MS, true);
        window.rotate();
        // 59 quiet seconds: the first second is still in the window.
        for (int i = 0; i < LatencyWindow.SECONDS - 1; i++) {
            window.rotate();
        }
        assertThat(window.lastMinute().count()).isEqualTo(2);
        assertThat(window.lastMinute().errors()).isEqualTo(1);

        // The next second takes its place, recycling its histogram: the old values must be gone.
        window.record(100 * MS, false);
        window.rotate();
        LatencyWindow.Snapshot minute = window.lastMinute();
        assertThat(minute.count()).isEqualTo(1);
        assertThat(minute.errors()).isZero();
        assertThat(minute.latencies().getValueAtPercentile(50) / (double) MS).isCloseTo(100, within(1.0));

        LatencyWindow.Snapshot total = window.sinceReset();
        assertThat(total.count()).isEqualTo(3);
        assertThat(total.errors()).isEqualTo(1);
    }

    @Test
    void manyMinutesOfRotationCountEverySecondOnce() {
        LatencyWindow window = new LatencyWindow();
        for (int second = 0; second < 5 * LatencyWindow.SECONDS; second++) {
            for (int i = 0; i <= second % 3; i++) {
                window.record((second + 1) * MS, second % 10 == 0);
            }
            window.rotate();
        }
        // The last 60 seconds hold 20 x (1 + 2 + 3) requests; errors are the seconds ending in 0,
        // which carry 1, 2 or 3 requests in turn: 2 x (1 + 2 + 3).
        assertThat(window.lastMinute().count()).isEqualTo(120);
        assertThat(window.lastMinute().errors()).isEqualTo(12);
        assertThat(window.sinceReset().count()).isEqualTo(600);
    }

    @Test
    void resetStartsAfreshAndRotationGoesOn() {
        LatencyWindow window = new LatencyWindow();
        window.record(3 * MS, true);
        window.rotate();
        window.reset();
        assertThat(window.lastMinute().count()).isZero();
        assertThat(window.sinceReset().count()).isZero();

        for (int i = 0; i < LatencyWindow.SECONDS + 5; i++) {
            window.record(2 * MS, false);
            window.rotate();
        }
        assertThat(window.lastMinute().count()).isEqualTo(LatencyWindow.SECONDS);
        assertThat(window.sinceReset().count()).isEqualTo(LatencyWindow.SECONDS + 5);
        assertThat(window.sinceReset().errors()).isZero();
    }
}
