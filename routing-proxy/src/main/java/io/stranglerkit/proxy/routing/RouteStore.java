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
 * Keeps route splits in {@code <data-dir>/routes.json}, so they survive a restart. Each save writes
 * a temporary file and renames it over the old one: a crash leaves the old or the new file, never half.
 */
@Component
public class RouteStore implements SplitStore {

    private static final Logger log = LoggerFactory.getLogger(RouteStore.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;

    public RouteStore(ProxyProperties properties) {
        this.file = properties.dataDir().resolve("routes.json").toAbsolutePath();
    }

    @Override
    public Map<String, Split> load() {
        Map<String, Split> splits = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return splits;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            root.properties().forEach(entry -> {
                JsonNode value = entry.getValue();
                int percent = value.path("servicePercent").asInt(0);
                if (percent < 0 || percent > 100) {
                    log.warn("ignoring saved split of route {}: servicePercent {} is out of 0..100", entry.getKey(), percent);
                    return;
                }
                splits.put(entry.getKey(), new Split(percent, value.path("sticky").asBoolean(true)));
            });
            log.info("route splits loaded from {}: {}", file, splits);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read saved routes " + file + ": " + e.getMessage()
                    + " (fix or delete the file; every route then starts at 0%)", e);
        }
        return splits;
    }

    public synchronized void save(Map<String, Split> splits) {
        ObjectNode root = JSON.createObjectNode();
        splits.forEach((id, split) -> root.putObject(id).put("servicePercent", split.servicePercent()).put("sticky", split.sticky()));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("routes.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save route splits to " + file, e);
        }
    }
}
