package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.ProxyProperties;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every route's last ramp in {@code <data-dir>/ramps.json}, written whole after each transition (a
 * temporary file renamed over the old one), so a restarted proxy resumes a ramp where it was.
 */
@Component
class RampStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Path file;

    RampStore(ProxyProperties properties) {
        this.file = properties.dataDir().resolve("ramps.json").toAbsolutePath();
    }

    Map<String, Ramp> load() {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(Files.readString(file), new TypeReference<LinkedHashMap<String, Ramp>>() { });
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read saved ramps " + file + ": " + e.getMessage()
                    + " (fix or delete the file; the routes keep their percentages, the ramps are forgotten)", e);
        }
    }

    synchronized void save(Map<String, Ramp> ramps) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("ramps.json.tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(ramps));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the ramps to " + file, e);
        }
    }
}
