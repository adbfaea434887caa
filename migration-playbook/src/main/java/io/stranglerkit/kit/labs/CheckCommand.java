package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Processes;
import io.stranglerkit.kit.launcher.Topology;
import io.stranglerkit.kit.route.ProxyAdminClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code kit check lab-N}: tells a student whether the state a lab aims at is reached, check by
 * check, with what to do for each one that is not. The labs are in migration-playbook/labs/.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Tells whether a classroom lab's goal is reached on the running kit (labs: migration-playbook/labs/).",
                "Exit 0 when every check passes, 1 when one does not (each says what to do), 2 for an unknown lab."})
public class CheckCommand implements Callable<Integer> {

    static final int LABS = 8;
    private static final Pattern LAB = Pattern.compile("lab-?(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "LAB", description = "lab-1 .. lab-" + LABS)
    String lab;

    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private KitSettings settings;
    private Topology topology;

    /** One check: null when it passes, else what is wrong and what to do. */
    @FunctionalInterface
    interface Check {
        String problem() throws Exception;
    }

    record Named(String what, Check check) {
    }

    @Override
    public Integer call() {
        int number = labNumber(lab);
        settings = KitSettings.fromEnvironment();
        topology = new Topology(settings);
        out.printf(Locale.ROOT, "Checking lab %d (migration-playbook/labs/lab-%d-*/README.md)%n", number, number);
        int failed = 0;
        for (Named named : checks(number)) {
            String problem;
            try {
                problem = named.check().problem();
            } catch (Exception e) {
                problem = "could not check (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); is the kit up? ./kit status";
            }
            out.printf("  [%s] %s%s%n", problem == null ? "ok" : "--", named.what(), problem == null ? "" : "\n       " + problem);
            failed += problem == null ? 0 : 1;
        }
        out.println(failed == 0 ? "Lab " + number + " done: every check passed." : failed + " check(s) not passed yet.");
        return failed == 0 ? 0 : 1;
    }

    static int labNumber(String lab) {
        Matcher m = LAB.matcher(lab == null ? "" : lab.trim().toLowerCase(Locale.ROOT));
        int number = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (number < 1 || number > LABS) {
            throw new KitException("no lab '" + lab + "'", "labs are lab-1 to lab-" + LABS + " (see migration-playbook/labs/)", 2);
        }
        return number;
    }

    private List<Named> checks(int number) {
        return switch (number) {
            case 1 -> List.of(
                    healthy(Topology.MARIADB), healthy(Topology.KAFKA), healthy(Topology.MONOLITH), healthy(Topology.PROXY),
                    new Named("search is not migrated yet (0% to the service)", () -> percent("search", 0, 0)),
                    new Named("a search through the proxy is answered by the monolith", () -> servedBy("monolith")));
            case 2 -> List.of(
                    healthy(Topology.CDC_BRIDGE),
                    new Named("the bridge streams the binlog", () -> {
                        String state = json(topology.part(Topology.CDC_BRIDGE).url() + "/status").path("state").asString();
                        return state.equals("streaming") ? null : "the bridge is " + state + "; wait a moment, then ./kit logs cdc-bridge";
                    }),
                    new Named("you changed a product and the change reached Kafka", () -> liveChanges() > 0 ? null
                            : "no insert, update or delete captured yet: change a product (step 2 of the lab)"));
            case 3 -> List.of(
                    healthy(Topology.SEARCH),
                    new Named("the search model is live (nothing left to consume)", () -> {
                        JsonNode status = json(topology.part(Topology.SEARCH).url() + "/status");
                        return status.path("state").asString().equals("live") ? null
                                : "the model is " + status.path("state").asString() + " (" + status.path("lag").path("records").asLong()
                                + " records behind); wait, then check again";
                    }),
                    new Named("kit verify search finds no drift", () -> KitCli.run("verify", "search") == 0 ? null
                            : "see the differences above; repair with POST /admin/rebuild (lab step 4)"));
            case 4 -> List.of(
                    healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named("search is a canary: between 1% and 50% to the service, sticky", () -> {
                        String range = percent("search", 1, 50);
                        return range != null ? range : sticky("search") ? null : "turn stickiness on: ./kit route set search 10 --sticky";
                    }),
                    new Named("both sides answered searches in the last minute", () -> {
                        long monolith = lastMinute("search", "monolith");
                        long service = lastMinute("search", "search-service");
                        return monolith > 0 && service > 0 ? null
                                : "send searches as several clients (lab step 3); last minute: monolith " + monolith + ", service " + service;
                    }));
            case 5 -> List.of(
                    new Named("a latency comparison report exists", () -> report() ? null
                            : "run ./kit bench compare search --duration 10s (lab step 1)"),
                    new Named("a write through the proxy was traced to the search model", this::tracedToSearch));
            case 6 -> List.of(
                    healthy(Topology.SEARCH),
                    new Named("all of search goes to the service", () -> percent("search", 100, 100)),
                    new Named("the search service was restarted after the proxy (you killed it and brought it back)", () -> {
                        Processes processes = new Processes(settings);
                        Duration search = processes.find(Topology.SEARCH).orElseThrow().uptime();
                        Duration proxy = processes.find(Topology.PROXY).orElseThrow().uptime();
                        return search.compareTo(proxy.minusSeconds(5)) < 0 ? null : "kill the search service and start it again (lab steps 2-4)";
                    }),
                    new Named("a search through the proxy is answered by the service again", () -> servedBy("search-service")));
            case 7 -> List.of(
                    healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named("search shadows its reads (--shadow 100)", () -> route("search").path("shadowPercent").asInt() >= 50 ? null
                            : "shadow every search: ./kit route set search 0 --sticky --shadow 100 (lab step 1)"),
                    new Named("searches were compared, and none waits for CDC any more", () -> {
                        JsonNode diffs = new ProxyAdminClient(settings).get("/admin/diffs/search?scope=replicas");
                        long compared = diffs.path("compared").asLong();
                        return compared < 5 ? "only " + compared + " searches compared: search through the proxy (lab step 2)"
                                : diffs.path("pending").asLong() > 0 ? diffs.path("pending").asLong()
                                + " comparison(s) wait for CDC to catch up: is the bridge up? ./kit up" : null;
                    }),
                    new Named("a parallel-run report exists", () -> reportExists("diff-search-") ? null
                            : "write one: ./kit diff search --html (lab step 4)"));
            case 8 -> List.of(
                    healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named("a ramp of search rolled back on a failed check (the exercise)", () -> {
                        JsonNode ramp;
                        try {
                            ramp = new ProxyAdminClient(settings).get("/admin/ramps/search");
                        } catch (KitException e) {
                            return "no ramp of search yet: ./kit ramp search --steps 25,50,100 --hold 20s --load 10/s --min-requests 20 --watch (lab step 2)";
                        }
                        JsonNode rollback = ramp.path("rollback");
                        return rollback.isObject() ? null : "the last ramp of search is " + ramp.path("state").asString()
                                + ", not rolled back by a check: start one and stop the search service mid-ramp (the exercise)";
                    }));
            default -> throw new IllegalStateException("lab " + number);
        };
    }

    /** A trace in Zipkin that starts at an HTTP request (it has a correlation id) and ends in the search feed. */
    private String tracedToSearch() throws IOException, InterruptedException {
        if (topology.part(Topology.ZIPKIN) == null) {
            return "the kit runs without tracing: ./kit down, then ./kit up --tracing";
        }
        JsonNode traces = json(topology.part(Topology.ZIPKIN).url()
                + "/api/v2/traces?serviceName=extracted-search-service&spanName=apply&lookback=86400000&limit=200");
        for (JsonNode trace : traces) {
            if (!trace.findValues("correlationId").isEmpty()) {
                return null;
            }
        }
        return "change a product through the proxy and trace it: ./kit trace lab5-trace (lab step 5)";
    }

    private Named healthy(String part) {
        return new Named(part + " is up and healthy", () -> {
            String why = topology.part(part).whyNotReady(settings.log(part));
            return why == null ? null : why + "; start the kit with ./kit up, see ./kit status";
        });
    }

    private String percent(String route, int min, int max) {
        int now = route(route).path("servicePercent").asInt(-1);
        if (now >= min && now <= max) {
            return null;
        }
        String wanted = min == max ? String.valueOf(min) : min + "-" + max;
        return route + " is at " + now + "%; set it with ./kit route set " + route + " " + (min == max ? min : (min + max) / 2)
                + " (wanted " + wanted + ")";
    }

    private boolean sticky(String route) {
        return route(route).path("sticky").asBoolean(false);
    }

    private JsonNode route(String id) {
        for (JsonNode route : new ProxyAdminClient(settings).get("/admin/routes")) {
            if (route.path("id").asString().equals(id)) {
                return route;
            }
        }
        throw new IllegalStateException("the proxy has no route " + id);
    }

    private long lastMinute(String route, String backend) {
        for (JsonNode row : new ProxyAdminClient(settings).get("/admin/stats").path("rows")) {
            if (row.path("route").asString().equals(route) && row.path("backend").asString().equals(backend)) {
                return row.path("lastMinute").path("count").asLong();
            }
        }
        return 0;
    }

    private String servedBy(String expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(topology.part(Topology.PROXY).url()
                + "/api/products/search?q=oak&size=1")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        String servedBy = response.headers().firstValue("X-Served-By").orElse("nobody");
        return response.statusCode() == 200 && servedBy.equals(expected) ? null
                : "got " + response.statusCode() + " from " + servedBy + "; see ./kit route list";
    }

    /** Inserts, updates and deletes (not snapshot reads) the bridge published, from its Prometheus counters. */
    private long liveChanges() throws IOException, InterruptedException {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(topology.part(Topology.CDC_BRIDGE).url() + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return liveChanges(metrics);
    }

    static long liveChanges(String prometheus) {
        Pattern line = Pattern.compile("^cdc_events_published_total\\{[^}]*op=\"([cud])\"[^}]*}\\s+([0-9.eE+]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(prometheus);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return (long) total;
    }

    /** A bench comparison's report: a directory bench-search-TIME/ with its report.html. */
    private boolean report() throws IOException {
        return anyReport(d -> d.getFileName().toString().startsWith("bench-search-") && Files.exists(d.resolve("report.html")));
    }

    /** An HTML report file named PREFIX...html. */
    private boolean reportExists(String prefix) throws IOException {
        return anyReport(f -> f.getFileName().toString().startsWith(prefix) && f.getFileName().toString().endsWith(".html"));
    }

    private boolean anyReport(java.util.function.Predicate<Path> matches) throws IOException {
        Path reports = settings.home().resolve("reports");
        if (!Files.isDirectory(reports)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(reports)) {
            return entries.anyMatch(matches);
        }
    }

    private JsonNode json(String url) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
