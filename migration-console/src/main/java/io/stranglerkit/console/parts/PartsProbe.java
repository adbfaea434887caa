package io.stranglerkit.console.parts;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.console.http.PartClient;
import io.stranglerkit.console.http.ReplicaUrls;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Health of every part, read together once per tick: the applications' actuator health (Zipkin's
 * {@code /health} answers the same way), and for MariaDB and Kafka whether they accept a connection
 * (the console holds no account on either).
 */
@Component
public class PartsProbe {

    private record Probe(String name, String role, String address, URI health) {
    }

    private final List<Probe> probes = new ArrayList<>();
    private final ReplicaUrls proxies;
    private final PartClient client;
    private final int timeoutMillis;

    public PartsProbe(ConsoleProperties properties, PartClient client) {
        this.client = client;
        this.timeoutMillis = (int) properties.partTimeout().toMillis();
        // In the order data flows: requests through the proxy to the monolith, its writes through the binlog,
        // the bridge and Kafka to the services.
        this.proxies = new ReplicaUrls(properties.proxyManagementUrls());
        probes.add(app("legacy-monolith", "the legacy shop", properties.monolithUrl()));
        probes.add(new Probe("mariadb", "schemas shop, search, catalog", properties.mariadb(), null));
        probes.add(app("cdc-bridge", "binlog -> Kafka", properties.cdcBridgeUrl()));
        probes.add(new Probe("kafka", "change topics, route table", properties.kafka().split(",")[0].trim(), null));
        probes.add(app("extracted-search-service", "search read model", properties.searchUrl()));
        probes.add(app("extracted-catalog-service", "catalog, takes over writes", properties.catalogUrl()));
        if (properties.tracing()) {
            URI zipkin = properties.zipkinEndpoint();
            probes.add(new Probe("zipkin", "traces (kit trace ID)", zipkin.getAuthority(), zipkin.resolve("/health")));
        }
    }

    private static Probe app(String name, String role, URI base) {
        return new Probe(name, role, base.getAuthority(), base.resolve("/actuator/health"));
    }

    public List<PartHealth> probe() {
        // The proxy replicas first, as they are now (they may come and go; see ReplicaUrls).
        List<Probe> now = new ArrayList<>();
        List<URI> replicas = proxies.current();
        for (int i = 0; i < replicas.size(); i++) {
            String name = i == 0 ? "routing-proxy" : "routing-proxy-" + (i + 1);
            now.add(new Probe(name, "routes traffic", replicas.get(i).getAuthority(), replicas.get(i).resolve("/actuator/health")));
        }
        now.addAll(probes);
        List<CompletableFuture<PartHealth>> pending = now.stream().map(this::probe).toList();
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<PartHealth> probe(Probe probe) {
        if (probe.health() == null) {
            return CompletableFuture.supplyAsync(() -> accepts(probe));
        }
        return client.get(probe.health(), false).thenApply(answer -> {
            if (answer.body() == null) {
                return health(probe, "UNREACHABLE", answer.problem() != null ? answer.problem() : "HTTP " + answer.status());
            }
            String status = answer.body().path("status").asString("UNKNOWN");
            return health(probe, status, "UP".equals(status) ? null : downComponents(answer));
        });
    }

    private static String downComponents(PartClient.Answer answer) {
        List<String> down = new ArrayList<>();
        answer.body().path("components").properties().forEach(entry -> {
            if (!"UP".equals(entry.getValue().path("status").asString())) {
                String reason = entry.getValue().path("details").path("reason").asString("");
                down.add(entry.getKey() + " " + entry.getValue().path("status").asString() + (reason.isEmpty() ? "" : ": " + reason));
            }
        });
        return down.isEmpty() ? "health " + answer.body().path("status").asString() : String.join("; ", down);
    }

    private PartHealth accepts(Probe probe) {
        String[] hostPort = probe.address().split(":");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), timeoutMillis);
            return health(probe, "UP", null);
        } catch (IOException | RuntimeException e) {
            return health(probe, "UNREACHABLE", "no connection to " + probe.address() + ": " + e.getMessage());
        }
    }

    private static PartHealth health(Probe probe, String status, String detail) {
        return new PartHealth(probe.name(), probe.role(), probe.address(), status, detail);
    }
}
