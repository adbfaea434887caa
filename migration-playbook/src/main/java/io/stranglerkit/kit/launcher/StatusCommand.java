package io.stranglerkit.kit.launcher;

import picocli.CommandLine.Command;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Shows each part: up or down, pid, port, health, uptime and resident memory.",
                "Exit code 0 when every built part is up and healthy, 1 otherwise."})
public class StatusCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        Processes processes = new Processes(settings);
        String format = "%-27s %-10s %-8s %-6s %-30s %-9s %-9s %s%n";
        System.out.printf(format, "PART", "STATE", "PID", "PORT", "HEALTH", "UPTIME", "RESTARTS", "MEMORY");
        Properties restarts = Supervisor.restarts(settings);
        boolean allGood = true;
        long totalKib = 0;
        Map<String, String> crashed = new LinkedHashMap<>();
        for (Part part : topology.parts()) {
            String restarted = restarts.getProperty(part.name(), "0");
            if (!part.isBuilt()) {
                System.out.printf(format, part.name(), "not built", "-", part.port(), "-", "-", "-", "-");
                continue;
            }
            var running = processes.find(part.name());
            if (running.isEmpty() || !running.get().alive()) {
                allGood = false;
                Optional<String> crash = processes.crash(part.name());
                crash.ifPresent(how -> crashed.put(part.name(), how));
                System.out.printf(format, part.name(), crash.isPresent() ? "crashed" : "down", "-", part.port(), crash.orElse("-"), "-",
                        restarted, "-");
                continue;
            }
            String missing = part.readiness().check(part, settings.log(part.name()));
            long kib = Processes.residentKib(running.get().handle().orElseThrow());
            totalKib += kib;
            allGood &= missing == null;
            System.out.printf(format, part.name(), "up", running.get().pid(), part.port(),
                    missing == null ? "healthy" : missing, uptime(running.get().uptime()), restarted,
                    String.format(Locale.ROOT, "%,d MiB", kib / 1024));
        }
        var supervisor = processes.find(Supervisor.NAME).filter(Processes.Running::alive);
        if (supervisor.isPresent()) {
            totalKib += Processes.residentKib(supervisor.get().handle().orElseThrow());
        }
        if (totalKib > 0) {
            System.out.printf(Locale.ROOT, "%nTotal resident memory: %,d MiB%n", totalKib / 1024);
        }
        System.out.println(supervisor.map(s -> "Supervisor: on (pid " + s.pid() + "); it restarts a part that dies")
                .orElse("Supervisor: off (./kit up --supervise turns it on)"));
        crashed.forEach((name, how) -> {
            System.out.printf("%n%s crashed (%s). Last lines of its log:%n", name, how);
            Logs.tail(settings.log(name), 5).forEach(line -> System.out.println("  " + line));
            System.out.println("  ./kit up starts it again; ./kit logs " + name + " shows the whole log");
        });
        Part bridge = topology.part(Topology.CDC_BRIDGE);
        if (bridge.isBuilt() && processes.find(bridge.name()).filter(Processes.Running::alive).isPresent()) {
            try {
                System.out.println(cdcSummary(status(bridge)));
            } catch (Exception e) {
                System.out.println("CDC: no status from " + bridge.url() + "/status (" + e.getClass().getSimpleName() + ")");
            }
        }
        Part search = topology.part(Topology.SEARCH);
        if (search.isBuilt() && processes.find(search.name()).filter(Processes.Running::alive).isPresent()) {
            System.out.println(searchSummary(search));
        }
        Part catalog = topology.part(Topology.CATALOG);
        if (catalog.isBuilt() && processes.find(catalog.name()).filter(Processes.Running::alive).isPresent()) {
            System.out.println(catalogSummary(catalog));
        }
        return allGood ? 0 : 1;
    }

    private static JsonNode status(Part part) throws Exception {
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()
                .send(HttpRequest.newBuilder(URI.create(part.url() + "/status")).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    /** One line from the search service's GET /status: model state, size, lag, dead letters, the index. */
    static String searchSummary(Part search) {
        try {
            JsonNode status = status(search);
            JsonNode lag = status.path("lag");
            JsonNode index = status.path("index");
            String indexSummary = "rebuilding".equals(index.path("state").asString())
                    ? String.format(Locale.ROOT, "; index rebuilding, %,d of %,d products (searches answer 503)",
                            index.path("indexed").asLong(), index.path("products").asLong())
                    : String.format(Locale.ROOT, "; index %,d MiB on disk", index.path("bytesOnDisk").asLong() >> 20);
            return String.format(Locale.ROOT, "Search model: %s; %,d products; %,d records behind; apply lag p50 %s ms, p99 %s ms;"
                            + " %,d dead-lettered%s%s%s",
                    status.path("state").asString(), status.path("products").asLong(), lag.path("records").asLong(),
                    lag.path("applyP50Ms").asString("-"), lag.path("applyP99Ms").asString("-"), status.path("deadLettered").asLong(),
                    indexSummary, status.path("stoppedBy").isMissingNode() ? "" : "; " + status.path("stoppedBy").asString(),
                    status.path("lastError").isNull() ? "" : "; last error: " + status.path("lastError").asString());
        } catch (Exception e) {
            return "Search model: no status from " + search.url() + "/status (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** One line from the catalog's GET /status: both sync directions, lag, conflicts. */
    static String catalogSummary(Part catalog) {
        try {
            JsonNode status = status(catalog);
            JsonNode forward = status.path("forwardSync");
            JsonNode r = status.path("reverseSync");
            String reverse = r.path("enabled").asBoolean() ? String.format(Locale.ROOT, "reverse %s, %,d behind, %,d conflicts",
                    r.path("state").asString(), r.path("lagRecords").asLong(), r.path("conflicts").asLong()) : "reverse off";
            return String.format(Locale.ROOT, "Catalog: %,d products; writes %s; forward %s, %,d behind, %,d conflicts; %s (tie winner: %s)",
                    status.path("products").asLong(), status.path("writesOpen").asBoolean() ? "open" : "not open yet",
                    forward.path("enabled").asBoolean() ? forward.path("state").asString() : "off (monolith retired)",
                    forward.path("lagRecords").asLong(), forward.path("conflicts").asLong(), reverse, status.path("tieWinner").asString());
        } catch (Exception e) {
            return "Catalog: no status from " + catalog.url() + "/status (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** One line from the bridge's GET /status: state, events per table, lag, restarts. */
    static String cdcSummary(JsonNode status) {
        StringBuilder tables = new StringBuilder();
        status.path("events").path("perTable").properties().forEach(e -> tables.append(tables.isEmpty() ? "" : ", ")
                .append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue().path("published").asLong())));
        JsonNode lag = status.path("lag").path("readToPublishMs");
        return String.format(Locale.ROOT, "CDC: %s; %,d events published (%s); bridge lag p50 %s ms, p99 %s ms; %d restarts%s",
                status.path("state").asString(), status.path("events").path("published").asLong(),
                tables.isEmpty() ? "none yet" : tables, lag.path("p50").asString("-"), lag.path("p99").asString("-"),
                status.path("restarts").asLong(),
                status.path("lastError").isNull() ? "" : "; last error: " + status.path("lastError").asString());
    }

    static String uptime(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + (s % 60) + "s" : (s / 3600) + "h" + (s % 3600 / 60) + "m";
    }
}
