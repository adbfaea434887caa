package io.stranglerkit.proxy.ramp;

import java.time.Duration;

/**
 * One step of a ramp so far, over every replica that answered: the route's requests per side, the
 * reads that fell back, and the parallel run's comparisons.
 */
record StepWindow(Duration elapsed, ReplicaTotals.Side service, ReplicaTotals.Side monolith, long fallbacks, long agreed,
                  long different, int replicas) {
}
