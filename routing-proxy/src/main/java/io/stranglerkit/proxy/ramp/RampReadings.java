package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.admin.AcrossReplicas;
import io.stranglerkit.proxy.stats.RouteStats;
import io.stranglerkit.split.SplitDecision;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.parallel.DiffResults;
import io.stranglerkit.split.parallel.ParallelRun;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A route's totals on every proxy replica, read once per analysis: this replica's from its own
 * counters, the others' from their {@code /admin/ramps/{route}/totals}. A ramp judges the traffic of
 * all replicas, not the share that happened to reach the one running it.
 */
@Component
class RampReadings {

    private static final Duration PATIENCE = Duration.ofSeconds(3);
    private final String processId = UUID.randomUUID().toString();
    private final RouteStats stats;
    private final ParallelRun parallelRun;
    private final AcrossReplicas acrossReplicas;
    private final String replica;

    RampReadings(RouteStats stats, ParallelRun parallelRun, AcrossReplicas acrossReplicas, ProxyProperties properties) {
        this.stats = stats;
        this.parallelRun = parallelRun;
        this.acrossReplicas = acrossReplicas;
        this.replica = properties.replica();
    }

    /** Every replica's totals by replica name; a replica that does not answer is missing (its share is not judged). */
    Map<String, ReplicaTotals> everyReplica(SplitRoute route, String authorization) {
        List<JsonNode> answers = acrossReplicas.ask("/admin/ramps/" + route.id() + "/totals", authorization, () -> own(route).toJson())
                .map(AcrossReplicas.Answers::answers)
                .block(PATIENCE);
        Map<String, ReplicaTotals> byReplica = new LinkedHashMap<>();
        if (answers != null) {
            answers.stream().map(ReplicaTotals::fromJson).forEach(t -> byReplica.put(t.replica(), t));
        }
        return byReplica;
    }

    /** This replica's totals for the route up to now. */
    ReplicaTotals own(SplitRoute route) {
        RouteStats.Lifetime lifetime = stats.lifetime(route.id());
        DiffResults diffs = parallelRun.results(route.id());
        return new ReplicaTotals(replica, processId, side(lifetime.byBackend().get(route.service())),
                side(lifetime.byBackend().get(SplitDecision.MONOLITH)), lifetime.fallbacks(),
                diffs.count("identical") + diffs.count("noisy"), diffs.count("different"));
    }

    /** The monolith's p99 on the route over this replica's last minute, if it had enough requests to say. */
    Double monolithP99LastMinute(SplitRoute route, int enough) {
        return stats.rows(false).stream()
                .filter(row -> row.route().equals(route.id()) && row.backend().equals(SplitDecision.MONOLITH))
                .filter(row -> row.lastMinute().count() >= enough)
                .map(row -> row.lastMinute().p99Ms()).findFirst().orElse(null);
    }

    private static ReplicaTotals.Side side(RouteStats.Totals totals) {
        return totals == null ? ReplicaTotals.Side.empty() : new ReplicaTotals.Side(totals.count(), totals.errors(), totals.latencies());
    }

    /** The step's window: every replica's totals now minus its totals when the step began. */
    static StepWindow window(Duration elapsed, Map<String, ReplicaTotals> now, Map<String, ReplicaTotals> atStart) {
        ReplicaTotals.Side service = ReplicaTotals.Side.empty();
        ReplicaTotals.Side monolith = ReplicaTotals.Side.empty();
        long fallbacks = 0;
        long agreed = 0;
        long different = 0;
        for (ReplicaTotals totals : now.values()) {
            ReplicaTotals step = totals.minus(atStart.get(totals.replica()));
            service = service.plus(step.service());
            monolith = monolith.plus(step.monolith());
            fallbacks += step.fallbacks();
            agreed += step.agreed();
            different += step.different();
        }
        return new StepWindow(elapsed, service, monolith, fallbacks, agreed, different, now.size());
    }
}
