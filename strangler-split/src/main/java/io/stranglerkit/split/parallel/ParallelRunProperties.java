package io.stranglerkit.split.parallel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code strangler.split.parallel-run.*}: how shadowed reads are sent and compared.
 *
 * @param maxInFlight        shadow calls one route may have open at once; beyond it a shadow is dropped (and counted)
 * @param timeout            how long the other side may take to answer a shadow call in full
 * @param bodyLimit          answers longer than this are not compared (counted as skipped)
 * @param noiseSampleEvery   one comparison in this many also asks the primary a second time to learn noise
 *                           (the first 20 of a route always do)
 * @param recheckAfter       how long after a difference the answers are compared again (CDC lag)
 * @param recheckDeadline    how long the re-check waits at most for the data behind the service to catch up
 * @param maxPending         differences of one route waiting for their re-check at most; one more is not
 *                           judged ({@code unresolved}), so a long CDC outage cannot fill the heap
 * @param caughtUpWhen       per service, the status values that say its data has caught up with the source
 *                           (see {@link CaughtUp}); the re-check waits until they hold
 * @param ignoredPaths       per route, JSON paths never compared ({@code $.generatedAt}, {@code $.items[*].etag})
 */
@ConfigurationProperties("strangler.split.parallel-run")
public record ParallelRunProperties(int maxInFlight, Duration timeout, DataSize bodyLimit, int noiseSampleEvery,
                                    Duration recheckAfter, Duration recheckDeadline, int maxPending,
                                    Map<String, List<StatusCondition>> caughtUpWhen, Map<String, List<String>> ignoredPaths) {

    public ParallelRunProperties {
        maxInFlight = maxInFlight <= 0 ? 64 : maxInFlight;
        timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        bodyLimit = bodyLimit == null ? DataSize.ofKilobytes(256) : bodyLimit;
        noiseSampleEvery = noiseSampleEvery <= 0 ? 10 : noiseSampleEvery;
        recheckAfter = recheckAfter == null ? Duration.ofSeconds(1) : recheckAfter;
        recheckDeadline = recheckDeadline == null ? Duration.ofSeconds(60) : recheckDeadline;
        maxPending = maxPending <= 0 ? 1000 : maxPending;
        caughtUpWhen = caughtUpWhen == null ? Map.of() : Map.copyOf(caughtUpWhen);
        ignoredPaths = ignoredPaths == null ? Map.of() : Map.copyOf(ignoredPaths);
    }

    /** The body limit as an array length. */
    int bodyLimitBytes() {
        return (int) Math.min(Integer.MAX_VALUE, bodyLimit.toBytes());
    }
}
