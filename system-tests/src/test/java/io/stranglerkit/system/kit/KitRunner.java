package io.stranglerkit.system.kit;

import io.stranglerkit.infra.mariadb.LocalMariaDb;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The packaged kit run the way a user runs it ({@code java -jar kit.jar up|status|down}), on free
 * ports and a private data folder: one per test class.
 */
final class KitRunner {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    record Result(int exit, String output) {
    }

    final Path home = Path.of("target", "kit-" + UUID.randomUUID()).toAbsolutePath();
    final Map<String, String> env = new HashMap<>();

    KitRunner() {
        env.put("KIT_ROOT", ROOT.toString());
        env.put("KIT_HOME", home.toString());
        // Tracing (a Zipkin part, spans from every application) is TracedKitIT's subject; the others save its JVM.
        env.put("KIT_TRACING", "off");
        // The classroom snapshot after the first seed (a stop, a copy and a start) is TracedKitIT's subject.
        env.put("KIT_SNAPSHOT", "off");
        // Assertions read the kit's English; a test that wants Korean says so.
        env.put("KIT_LANG", "en");
        for (String variable : List.of("KIT_MARIADB_PORT", "KIT_KAFKA_PORT", "KIT_KAFKA_CONTROLLER_PORT", "KIT_MONOLITH_PORT",
                "KIT_SEARCH_PORT", "KIT_CATALOG_PORT", "KIT_CDC_PORT", "KIT_PROXY_PORT", "KIT_PROXY_ADMIN_PORT", "KIT_PROXY_MANAGEMENT_PORT",
                "KIT_CONSOLE_PORT", "KIT_ZIPKIN_PORT")) {
            // Free ports are not reserved until bound: draw again if one repeats (two parts on one port).
            String port;
            do {
                port = String.valueOf(LocalMariaDb.freePort());
            } while (env.containsValue(port));
            env.put(variable, port);
        }
    }

    String url(String portVariable) {
        return "http://127.0.0.1:" + env.get(portVariable);
    }

    Result kit(String... args) throws IOException, InterruptedException {
        return kitWith(Map.of(), args);
    }

    Result kitWith(Map<String, String> overrides, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-jar", ROOT.resolve("migration-playbook/target/kit.jar").toString()));
        command.addAll(List.of(args));
        return run(command, null, overrides);
    }

    /** A command with the kit's environment (and {@code overrides}) in {@code directory}, at most 5 minutes; its exit and output. */
    Result run(List<String> command, Path directory, Map<String, String> overrides) throws IOException, InterruptedException {
        Files.createDirectories(home.getParent());
        Path output = Files.createTempFile(home.getParent(), "kit-", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(env);
        builder.environment().putAll(overrides);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes:\n" + Files.readString(output));
        }
        return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    }

    /** Until the catalog service has caught up with the shop once and takes writes (within 2 minutes). */
    void awaitCatalogWritesOpen() {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
                get(url("KIT_CATALOG_PORT") + "/status").body().contains("\"writesOpen\":true"));
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** kill -9 of a part's process, as a crash would; returns its pid. */
    long killPart(String name) throws IOException {
        return kill(ProcessHandle.of(recordedPid(name)).orElseThrow(() -> new AssertionError(name + " is not running")));
    }

    static long kill(ProcessHandle process) {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
        return process.pid();
    }

    long recordedPid(String name) throws IOException {
        return Files.readAllLines(home.resolve("run").resolve(name + ".pid")).stream().filter(l -> l.startsWith("pid="))
                .map(l -> Long.parseLong(l.substring(4))).findFirst().orElseThrow();
    }

    List<Long> recordedPids() throws IOException {
        List<Long> pids = new ArrayList<>();
        try (var files = Files.list(home.resolve("run"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.startsWith("pid=")) {
                        pids.add(Long.parseLong(line.substring(4)));
                    }
                }
            }
        }
        return pids;
    }

    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + env.get("KIT_MARIADB_PORT")
                + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true", "kit", "kit");
    }
}
