package io.stranglerkit.console.traffic;

/**
 * One route at one tick: what the charts plot and the route's card shows. Percentiles are over the
 * last 10 seconds (null when a side served nothing in them); rates over the last tick.
 *
 * @param servicePercentServed the service's share of the requests of the last 10 seconds; null with no requests
 */
public record RoutePoint(long at, double monolithPerSecond, double servicePerSecond, Double servicePercentServed,
                         Double monolithP50Ms, Double monolithP99Ms, Double serviceP50Ms, Double serviceP99Ms,
                         long monolithErrors10s, long serviceErrors10s, long fallbacks10s, long fallbacks,
                         long agreed, long different) {
}
