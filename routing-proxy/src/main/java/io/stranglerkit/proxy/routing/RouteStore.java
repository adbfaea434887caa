package io.stranglerkit.proxy.routing;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.split.Split;
import io.stranglerkit.split.SplitStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the last applied route table in {@code <data-dir>/routes.json}, so a restart (even with
 * Kafka down) serves what ran before. Each save writes a temporary file and renames it over the old
 * one: a crash leaves the old or the new file, never half.
 */
@Component
public class RouteStore implements SplitStore {

    private static final Logger log = LoggerFactory.getLogger(RouteStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;
    private final RouteTable saved;

    public RouteStore(ProxyProperties properties) {
        this.file = properties.dataDir().resolve("routes.json").toAbsolutePath();
        this.saved = readFile(file);
    }

    /** The splits saved by the last run, where the gateway's split routes start. */
    @Override
    public Map<String, Split> load() {
        return saved.splits();
    }

    /** The table saved by the last run, read once at start-up. */
    public RouteTable saved() {
        return saved;
    }

    private static RouteTable readFile(Path file) {
        if (!Files.exists(file)) {
            return RouteTable.EMPTY;
        }
        try {
            RouteTable table = parse(JSON.readTree(Files.readString(file)));
            log.info("route table loaded from {}: version {}, {}", file, table.version(), table.splits());
            return table;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read saved routes " + file + ": " + e.getMessage()
                    + " (fix or delete the file; every route then starts at 0%)", e);
        }
    }

    public synchronized void save(RouteTable table) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("routes.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(table)));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the route table to " + file, e);
        }
    }

    /** {"version": 7, "routes": {"search": {"servicePercent": 30, "sticky": true, "shadowPercent": 0}}}; the same document goes to Kafka. */
    static ObjectNode toJson(RouteTable table) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", table.version());
        ObjectNode routes = root.putObject("routes");
        table.splits().forEach((id, split) -> routes.putObject(id).put("servicePercent", split.servicePercent())
                .put("sticky", split.sticky()).put("shadowPercent", split.shadowPercent()));
        return root;
    }

    static RouteTable parse(JsonNode root) {
        // Before versions, the file held the routes alone: read it as version 0.
        JsonNode routes = root.has("routes") ? root.get("routes") : root;
        Map<String, Split> splits = new LinkedHashMap<>();
        routes.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            int percent = value.path("servicePercent").asInt(0);
            // Saved before parallel runs existed: no shadow.
            int shadow = value.path("shadowPercent").asInt(0);
            if (percent < 0 || percent > 100 || shadow < 0 || shadow > 100) {
                log.warn("ignoring saved split of route {}: servicePercent {} or shadowPercent {} is out of 0..100", entry.getKey(),
                        percent, shadow);
                return;
            }
            splits.put(entry.getKey(), new Split(percent, value.path("sticky").asBoolean(true), shadow));
        });
        return new RouteTable(root.path("version").asLong(0), splits);
    }

    static String write(RouteTable table) {
        return JSON.writeValueAsString(toJson(table));
    }

    static RouteTable read(String json) {
        return parse(JSON.readTree(json));
    }
}
