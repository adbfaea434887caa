package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.routing.RouteTable;
import io.stranglerkit.proxy.routing.RouteTableWriter;
import io.stranglerkit.split.Split;
import io.stranglerkit.split.SplitRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Changes a route's split: committed to the route table first (saved, and shared with the other
 * replicas), then audited. If the commit fails nothing changes, so a reported change is always one
 * that survives a restart.
 */
@Component
public class RouteAdmin {

    private static final Logger audit = LoggerFactory.getLogger("audit");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RouteTableWriter table;
    private final Path auditFile;
    private final String replica;

    public RouteAdmin(RouteTableWriter table, ProxyProperties properties) {
        this.table = table;
        this.auditFile = properties.dataDir().resolve("audit.log").toAbsolutePath();
        this.replica = properties.replica();
    }

    /** Moves a route's service percentage on behalf of a ramp; throws as {@link #change} does. */
    public RouteTable setServicePercent(SplitRoute route, int percent, String actor, String correlationId) {
        return change(route, new RouteChange(percent, null, null, null), actor, correlationId);
    }

    /** @return the committed table; throws {@link RouteTableWriter.StaleVersionException} or {@link RouteTableWriter.UnavailableException} */
    RouteTable change(SplitRoute route, RouteChange change, String actor, String correlationId) {
        Split[] before = new Split[1];
        RouteTable committed = table.commit(change.version(), latest -> {
            Split old = latest.splits().getOrDefault(route.id(), route.split());
            before[0] = old;
            return latest.with(route.id(), change.applyTo(old));
        });
        Split old = before[0];
        Split next = committed.splits().get(route.id());
        String line = String.format("{\"at\":\"%s\",\"route\":\"%s\",\"by\":\"%s\",\"replica\":\"%s\",\"correlationId\":\"%s\","
                        + "\"version\":%d,\"servicePercent\":[%d,%d],\"sticky\":[%b,%b],\"shadowPercent\":[%d,%d]}",
                Instant.now(), route.id(), actor.replace("\"", "'"), replica, correlationId, committed.version(),
                old.servicePercent(), next.servicePercent(), old.sticky(), next.sticky(), old.shadowPercent(), next.shadowPercent());
        audit.info("route {} changed by {}: servicePercent {} -> {}, sticky {} -> {}, shadowPercent {} -> {}, table version {} [{}]",
                route.id(), actor, old.servicePercent(), next.servicePercent(), old.sticky(), next.sticky(), old.shadowPercent(),
                next.shadowPercent(), committed.version(), correlationId);
        append(line, "route changed");
        return committed;
    }

    /** A ramp's transition, in the same audit log as the route changes it makes. */
    public void auditRamp(String routeId, String from, String to, String why) {
        audit.info("ramp of {}: {} -> {}: {}", routeId, from, to, why);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.put("route", routeId);
        line.put("replica", replica);
        line.put("ramp", Map.of("from", from, "to", to, "why", why));
        append(JSON.writeValueAsString(line), "ramp moved");
    }

    /** The newest {@code limit} entries of the audit log, oldest first; synchronized with {@link #append} so no half line is read. */
    synchronized List<JsonNode> recent(int limit) {
        if (!Files.exists(auditFile)) {
            return List.of();
        }
        try (RandomAccessFile file = new RandomAccessFile(auditFile.toFile(), "r")) {
            // Entries are a few hundred bytes: the tail holds the newest ones, without reading a log that grew for weeks.
            long from = Math.max(0, file.length() - (long) limit * 1024);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            List<String> lines = new ArrayList<>(List.of(new String(tail, StandardCharsets.UTF_8).split("\n")));
            if (from > 0 && !lines.isEmpty()) {
                lines.remove(0); // cut in the middle
            }
            List<JsonNode> entries = new ArrayList<>();
            for (String line : lines.subList(Math.max(0, lines.size() - limit), lines.size())) {
                if (!line.isBlank()) {
                    entries.add(JSON.readTree(line));
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("the audit log " + auditFile + " could not be read", e);
        }
    }

    private synchronized void append(String line, String what) {
        try {
            Files.writeString(auditFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(what + ", but the audit log " + auditFile + " could not be written", e);
        }
    }
}
