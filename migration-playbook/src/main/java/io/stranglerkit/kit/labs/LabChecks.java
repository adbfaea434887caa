package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitCli;
import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.Processes;
import io.stranglerkit.kit.launcher.Topology;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code kit check lab-N} checks, lab by lab: the state each lab's steps end in. */
final class LabChecks {

    /** One check: null when it passes, else what is wrong and what to do. */
    @FunctionalInterface
    interface Check {
        String problem() throws Exception;
    }

    record Named(String what, Check check) {
    }

    private final KitProbe kit;
    private final Messages msg;

    LabChecks(KitProbe kit, Messages msg) {
        this.kit = kit;
        this.msg = msg;
    }

    List<Named> of(int lab) {
        return switch (lab) {
            case 1 -> List.of(healthy(Topology.MARIADB), healthy(Topology.KAFKA), healthy(Topology.MONOLITH), healthy(Topology.PROXY),
                    new Named(msg.get("check.notMigrated"), () -> percent("search", 0, 0)),
                    new Named(msg.get("check.servedByMonolith"), () -> kit.servedBy(SEARCH, "monolith")));
            case 2 -> List.of(healthy(Topology.CDC_BRIDGE),
                    new Named(msg.get("check.bridgeStreams"), () -> {
                        String state = kit.json(kit.topology.part(Topology.CDC_BRIDGE).url() + "/status").path("state").asString();
                        return state.equals("streaming") ? null : msg.get("check.bridgeStreams.todo", state);
                    }),
                    new Named(msg.get("check.changeCaptured"), () -> liveChanges(kit.text(
                            kit.topology.part(Topology.CDC_BRIDGE).url() + "/actuator/prometheus")) > 0 ? null
                            : msg.get("check.changeCaptured.todo")));
            case 3 -> List.of(healthy(Topology.SEARCH),
                    new Named(msg.get("check.modelLive"), () -> {
                        JsonNode status = kit.json(kit.topology.part(Topology.SEARCH).url() + "/status");
                        return status.path("state").asString().equals("live") ? null
                                : msg.get("check.modelLive.todo", status.path("state").asString(), status.path("lag").path("records").asLong());
                    }),
                    new Named(msg.get("check.verifySearch"), () -> KitCli.run("verify", "search", "--wait", "10s") == 0 ? null
                            : msg.get("check.verifySearch.todo")));
            case 4 -> List.of(healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named(msg.get("check.shadows"), () -> kit.route("search").path("shadowPercent").asInt() >= 50 ? null
                            : msg.get("check.shadows.todo")),
                    new Named(msg.get("check.compared"), () -> {
                        JsonNode diffs = kit.proxy().get("/admin/diffs/search?scope=replicas");
                        long compared = diffs.path("compared").asLong();
                        return compared < 5 ? msg.get("check.compared.few", compared)
                                : diffs.path("pending").asLong() > 0 ? msg.get("check.compared.pending", diffs.path("pending").asLong()) : null;
                    }),
                    new Named(msg.get("check.diffReport"), () -> kit.report(f -> named(f, "diff-search-", ".html")) ? null
                            : msg.get("check.diffReport.todo")));
            case 5 -> List.of(healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named(msg.get("check.canary"), () -> {
                        String range = percent("search", 1, 50);
                        return range != null ? range : kit.route("search").path("sticky").asBoolean()
                                ? null : msg.get("check.canary.sticky");
                    }),
                    bothSides("search", "search-service", msg.get("check.bothSides.searches")));
            case 6 -> List.of(
                    new Named(msg.get("check.benchReport"), () -> kit.report(d -> named(d, "bench-search-", "")
                            && d.resolve("report.html").toFile().isFile()) ? null : msg.get("check.benchReport.todo")),
                    new Named(msg.get("check.traced"), this::tracedToSearch));
            case 7 -> List.of(healthy(Topology.SEARCH),
                    new Named(msg.get("check.allSearch"), () -> percent("search", 100, 100)),
                    new Named(msg.get("check.restarted"), () -> {
                        Processes processes = new Processes(kit.settings);
                        Duration search = processes.find(Topology.SEARCH).orElseThrow().uptime();
                        Duration proxy = processes.find(Topology.PROXY).orElseThrow().uptime();
                        return search.compareTo(proxy.minusSeconds(5)) < 0 ? null : msg.get("check.restarted.todo");
                    }),
                    new Named(msg.get("check.servedByService"), () -> kit.servedBy(SEARCH, "search-service")));
            case 8 -> List.of(healthy(Topology.SEARCH), healthy(Topology.PROXY),
                    new Named(msg.get("check.rolledBack"), () -> {
                        JsonNode ramp;
                        try {
                            ramp = kit.proxy().get("/admin/ramps/search");
                        } catch (KitException e) {
                            return msg.get("check.rolledBack.none");
                        }
                        return ramp.path("rollback").isObject() ? null : msg.get("check.rolledBack.todo", ramp.path("state").asString());
                    }));
            case 9 -> List.of(healthy(Topology.CATALOG), forwardSync(lab, true),
                    new Named(msg.get("check.allReads"), () -> percent("catalog-read", 100, 100)),
                    new Named(msg.get("check.readByCatalog"), () -> kit.servedBy(PRODUCT, "catalog-service")),
                    verifyCatalog());
            case 10 -> List.of(healthy(Topology.CATALOG), forwardSync(lab, true),
                    new Named(msg.get("check.writesSplit"), () -> percent("catalog-write", 1, 99)),
                    bothSides("catalog-write", "catalog-service", msg.get("check.bothSides.writes")),
                    verifyCatalog());
            case 11 -> List.of(healthy(Topology.CDC_BRIDGE), healthy(Topology.CATALOG),
                    new Named(msg.get("check.conflict"), () -> {
                        JsonNode status = kit.catalogStatus();
                        long forward = status.path("forwardSync").path("conflicts").asLong();
                        long reverse = status.path("reverseSync").path("conflicts").asLong();
                        return forward > 0 && reverse > 0 ? null : msg.get("check.conflict.todo", forward, reverse);
                    }),
                    verifyCatalog());
            case 12 -> List.of(healthy(Topology.CATALOG), forwardSync(lab, false),
                    new Named(msg.get("check.allWrites"), () -> percent("catalog-write", 100, 100)),
                    new Named(msg.get("check.reverseLive"), () -> {
                        String state = kit.catalogStatus().path("reverseSync").path("state").asString();
                        return state.equals("live") ? null : msg.get("check.reverseLive.todo", state);
                    }),
                    verifyCatalog());
            default -> throw new IllegalStateException("lab " + lab);
        };
    }

    private static final String SEARCH = "/api/products/search?q=oak&size=1";
    private static final String PRODUCT = "/api/products/1";

    private Named healthy(String part) {
        return new Named(msg.get("check.healthy", part), () -> {
            String why = kit.topology.part(part).whyNotReady(kit.settings.log(part));
            return why == null ? null : msg.get("check.healthy.todo", why);
        });
    }

    private Named bothSides(String route, String service, String todo) {
        return new Named(msg.get("check.bothSides", route), () -> {
            long monolith = kit.lastMinute(route, "monolith");
            long other = kit.lastMinute(route, service);
            return monolith > 0 && other > 0 ? null : msg.get("check.bothSides.todo", todo, monolith, service, other);
        });
    }

    private Named forwardSync(int lab, boolean on) {
        return new Named(msg.get(on ? "check.forwardOn" : "check.forwardOff"), () -> {
            boolean enabled = kit.catalogStatus().path("forwardSync").path("enabled").asBoolean();
            return enabled == on ? null : on ? msg.get("check.forwardOn.todo", lab) : msg.get("check.forwardOff.todo");
        });
    }

    private Named verifyCatalog() {
        return new Named(msg.get("check.verifyCatalog"), () -> KitCli.run("verify", "catalog", "--wait", "30s") == 0 ? null
                : msg.get("check.verifyCatalog.todo"));
    }

    private String percent(String route, int min, int max) {
        int now = kit.route(route).path("servicePercent").asInt(-1);
        if (now >= min && now <= max) {
            return null;
        }
        return msg.get("check.percent.todo", route, now, min == max ? min : (min + max) / 2, min == max ? String.valueOf(min) : min + "-" + max);
    }

    /** A trace in Zipkin that starts at an HTTP request (it has a correlation id) and ends in the search feed. */
    private String tracedToSearch() throws IOException, InterruptedException {
        if (kit.topology.part(Topology.ZIPKIN) == null) {
            return msg.get("check.traced.noTracing");
        }
        JsonNode traces = kit.json(kit.topology.part(Topology.ZIPKIN).url()
                + "/api/v2/traces?serviceName=extracted-search-service&spanName=apply&lookback=86400000&limit=200");
        for (JsonNode trace : traces) {
            if (!trace.findValues("correlationId").isEmpty()) {
                return null;
            }
        }
        return msg.get("check.traced.todo");
    }

    private static boolean named(java.nio.file.Path file, String prefix, String suffix) {
        String name = file.getFileName().toString();
        return name.startsWith(prefix) && name.endsWith(suffix);
    }

    /** Inserts, updates and deletes (not snapshot reads) the bridge published, from its Prometheus counters. */
    static long liveChanges(String prometheus) {
        Pattern line = Pattern.compile("^cdc_events_published_total\\{[^}]*op=\"([cud])\"[^}]*}\\s+([0-9.eE+]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(prometheus);
        double total = 0;
        while (m.find()) {
            total += Double.parseDouble(m.group(2));
        }
        return (long) total;
    }
}
