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
 * @param recheckDeadline    how long the re-check waits at most for the read model to report no backlog
 * @param readModelBacklog   per service, JSON pointers into its {@code /status} whose values are its backlog
 *                           (records not yet applied); the re-check waits until each is 0 or less
 * @param ignoredPaths       per route, JSON paths never compared ({@code $.generatedAt}, {@code $.items[*].etag})
 */
@ConfigurationProperties("strangler.split.parallel-run")
public record ParallelRunProperties(int maxInFlight, Duration timeout, DataSize bodyLimit, int noiseSampleEvery,
                                    Duration recheckAfter, Duration recheckDeadline, String statusPath,
                                    Map<String, List<String>> readModelBacklog, Map<String, List<String>> ignoredPaths) {

    public ParallelRunProperties {
        maxInFlight = maxInFlight <= 0 ? 64 : maxInFlight;
        timeout = timeout == null ? Duration.ofSeconds(1) : timeout;
        bodyLimit = bodyLimit == null ? DataSize.ofKilobytes(256) : bodyLimit;
        noiseSampleEvery = noiseSampleEvery <= 0 ? 10 : noiseSampleEvery;
        recheckAfter = recheckAfter == null ? Duration.ofSeconds(1) : recheckAfter;
        recheckDeadline = recheckDeadline == null ? Duration.ofSeconds(15) : recheckDeadline;
        statusPath = statusPath == null ? "/status" : statusPath;
        readModelBacklog = readModelBacklog == null ? Map.of() : Map.copyOf(readModelBacklog);
        ignoredPaths = ignoredPaths == null ? Map.of() : Map.copyOf(ignoredPaths);
    }
}
