package io.stranglerkit.kit.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One process of the running kit: what to run, on which port, how to tell it is ready.
 *
 * @param portVariable the environment variable that moves this part to another port
 * @param jar          for applications, the jar the module builds; null for infrastructure
 * @param command      the full command line; for applications it starts with {@code java -jar}
 */
public record Part(String name, String description, int port, String portVariable, List<Integer> otherPorts,
                   Path jar, List<String> command, Map<String, String> environment, Readiness readiness,
                   Duration startTimeout) {

    public boolean isApplication() {
        return jar != null;
    }

    public boolean isBuilt() {
        return jar == null || jar.toFile().isFile();
    }

    /** Why this part cannot be used now ("not built yet", or what its readiness check found); null when it can. */
    public String whyNotReady(Path log) {
        return isBuilt() ? readiness.check(this, log) : "not built yet";
    }

    public Part withCommand(List<String> other) {
        return new Part(name, description, port, portVariable, otherPorts, jar, List.copyOf(other), environment, readiness, startTimeout);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }
}
