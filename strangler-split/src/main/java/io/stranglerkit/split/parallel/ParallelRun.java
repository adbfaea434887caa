package io.stranglerkit.split.parallel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares what the client got from the primary side with the other side's answer to the same read,
 * off the request path. The rule, per shadowed read:
 * <ol>
 * <li>At most {@code max-in-flight} reads of a route are being compared at once; one more is
 *     {@code dropped}. A shadow call that fails is a {@code shadowError}, never the client's problem.</li>
 * <li>Noise (Diffy's idea): the first 20 reads of a route, then one in {@code noise-sample-every}, also
 *     ask the primary a second time; paths where two answers of the same side differ are noise from
 *     then on. Noise and the configured ignored paths are never counted as differences.</li>
 * <li>No difference: {@code identical}. Only noise: {@code noisy}.</li>
 * <li>Any other difference is {@code lagging} first, because a CDC-fed read model trails its source.
 *     After {@code recheck-after}, once the parts that feed the service report they have caught up
 *     ({@link CaughtUp}), the read is asked again of both sides, the primary twice (noise), and only a
 *     difference that persists counts as {@code different}; otherwise {@code identical} or {@code noisy}.
 *     When they do not catch up within {@code recheck-deadline}, or {@code max-pending} differences of
 *     the route already wait, the read is not judged: {@code unresolved}.
 *     Parity = (identical + noisy) / (identical + noisy + different).</li>
 * </ol>
 */
public class ParallelRun {

    private static final Logger log = LoggerFactory.getLogger(ParallelRun.class);

    private final ShadowClient client;
    private final CaughtUp caughtUp;
    private final ParallelRunProperties properties;
    private final MeterRegistry meters;
    private final Map<String, DiffResults> results = new ConcurrentHashMap<>();

    public ParallelRun(ParallelRunProperties properties, MeterRegistry meters, ObservationRegistry observations) {
        this.properties = properties;
        this.meters = meters;
        this.client = new ShadowClient(properties, observations);
        this.caughtUp = new CaughtUp(client, properties);
    }

    public DiffResults results(String routeId) {
        return results.computeIfAbsent(routeId, id -> new DiffResults(id, properties.ignoredPaths().getOrDefault(id, List.of()),
                properties.maxInFlight(), properties.noiseSampleEvery(), meters));
    }

    /** Called once the client has its answer; returns at once. */
    void compare(ShadowedRead read, Answer primary) {
        DiffResults route = results(read.route().id());
        if (primary.truncated()) {
            route.count(Outcome.SKIPPED);
            return;
        }
        if (!route.permits.tryAcquire()) {
            route.count(Outcome.DROPPED);
            return;
        }
        boolean sampleNoise = route.noiseSampleDue();
        Mono.zip(shadow(read), sampleNoise ? again(read) : Mono.just(Optional.<Answer>empty()))
                .doFinally(signal -> route.permits.release())
                .subscribe(answers -> {
                    answers.getT2().ifPresent(second -> route.learnNoise(AnswerDiff.between(primary, second)));
                    firstComparison(read, route, primary, answers.getT1());
                }, failure -> shadowFailed(read, route, failure));
    }

    private void firstComparison(ShadowedRead read, DiffResults route, Answer primary, Answer shadow) {
        if (shadow.truncated()) {
            route.count(Outcome.SKIPPED);
            return;
        }
        if (agree(route, primary, shadow) == null) {
            return;
        }
        route.count(Outcome.LAGGING);
        if (route.pending() >= properties.maxPending()) {
            route.count(Outcome.UNRESOLVED);
            return;
        }
        route.pending(1);
        Mono.delay(properties.recheckAfter())
                .then(Mono.defer(() -> caughtUp.await(read.route())))
                .subscribe(caught -> recheck(read, route, caught), failure -> route.pending(-1));
    }

    /** The second and last comparison of a read that differed: fresh answers from both sides. */
    private void recheck(ShadowedRead read, DiffResults route, boolean caught) {
        if (!caught) {
            route.pending(-1);
            route.count(Outcome.UNRESOLVED);
            log.info("[{}] {} {}: the data behind {} did not catch up within {}; the difference is not judged", read.correlationId(),
                    read.method(), read.uri(), read.route().service(), properties.recheckDeadline());
            return;
        }
        if (!route.permits.tryAcquire()) {
            route.pending(-1);
            route.count(Outcome.DROPPED);
            return;
        }
        Mono.zip(primary(read), again(read), shadow(read))
                .doFinally(signal -> {
                    route.permits.release();
                    route.pending(-1);
                })
                .subscribe(answers -> {
                    Answer primary = answers.getT1();
                    answers.getT2().ifPresent(second -> route.learnNoise(AnswerDiff.between(primary, second)));
                    Answer shadow = answers.getT3();
                    if (primary.truncated() || shadow.truncated()) {
                        route.count(Outcome.SKIPPED);
                        return;
                    }
                    List<Difference> real = agree(route, primary, shadow);
                    if (real != null) {
                        log.info("[{}] {} {}: {} and {} answer differently at {}", read.correlationId(), read.method(), read.uri(),
                                read.primarySide(), read.shadowSide(), real.stream().map(Difference::path).toList());
                        route.different(read, primary, shadow, real);
                    }
                }, failure -> shadowFailed(read, route, failure));
    }

    /** Counts identical or noisy answers; otherwise returns the differences that are not noise (and counts nothing). */
    private static List<Difference> agree(DiffResults route, Answer primary, Answer shadow) {
        List<Difference> all = AnswerDiff.between(primary, shadow);
        List<Difference> real = route.real(all);
        if (!real.isEmpty()) {
            return real;
        }
        route.count(all.isEmpty() ? Outcome.IDENTICAL : Outcome.NOISY);
        return null;
    }

    private Mono<Answer> shadow(ShadowedRead read) {
        return client.get("shadow", read.shadowSide(), read.shadowUrl(), read.headers(), read.request());
    }

    private Mono<Answer> primary(ShadowedRead read) {
        return client.get("recheck", read.primarySide(), read.primaryUrl(), read.headers(), read.request());
    }

    /** The primary asked a second time; its failure only means no noise is learned this time. */
    private Mono<Optional<Answer>> again(ShadowedRead read) {
        return primary(read).map(Optional::of).onErrorReturn(Optional.empty());
    }

    private void shadowFailed(ShadowedRead read, DiffResults route, Throwable failure) {
        route.count(Outcome.SHADOW_ERROR);
        log.debug("[{}] shadow of {} {} to {} failed: {}", read.correlationId(), read.method(), read.uri(), read.shadowSide(),
                failure.toString());
    }
}
