package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the kit lives and which ports it uses. Every value can be changed through an environment
 * variable, so two kits (or a test) can run side by side.
 */
public record KitSettings(Path root, Path home, Map<String, String> env) {

    public static KitSettings fromEnvironment() {
        return from(System.getenv());
    }

    public static KitSettings from(Map<String, String> env) {
        Path root = env.containsKey("KIT_ROOT") ? Path.of(env.get("KIT_ROOT")) : rootFromJarLocation();
        Path home = env.containsKey("KIT_HOME") ? Path.of(env.get("KIT_HOME")) : root.resolve(".kit");
        return new KitSettings(root.toAbsolutePath().normalize(), home.toAbsolutePath().normalize(), Map.copyOf(env));
    }

    /** kit.jar sits in {@code <root>/migration-playbook/target/}. */
    private static Path rootFromJarLocation() {
        try {
            Path jar = Path.of(KitSettings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent().getParent().getParent();
            if (Files.exists(root.resolve("pom.xml"))) {
                return root;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    public int port(String variable, int defaultPort) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new KitException(variable + "=" + value + " is not a port number", "set " + variable + " to a number from 1 to 65535", 2);
        }
    }

    public String get(String variable, String fallback) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? fallback : value;
    }

    public Path logs() {
        return home.resolve("logs");
    }

    public Path run() {
        return home.resolve("run");
    }

    public Path log(String part) {
        return logs().resolve(part + ".log");
    }

    /** How many routing-proxy replicas the kit runs: KIT_PROXY_REPLICAS, else what the last kit up --proxies chose, else 1. */
    public int proxyReplicas() {
        String value = chosen("KIT_PROXY_REPLICAS", proxyReplicasFile(), "1");
        String source = env.getOrDefault("KIT_PROXY_REPLICAS", "").isBlank() ? proxyReplicasFile().toString() : "KIT_PROXY_REPLICAS";
        try {
            int replicas = Integer.parseInt(value.trim());
            if (replicas < 1 || replicas > MAX_PROXY_REPLICAS) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new KitException(source + " says " + value + " proxy replicas", "use a number from 1 to " + MAX_PROXY_REPLICAS
                    + ", e.g. ./kit up --proxies 2", 2);
        }
    }

    public static final int MAX_PROXY_REPLICAS = 8;

    /** Whether the kit traces (a Zipkin part, tracing in every application): KIT_TRACING, else the last kit up's choice, else on. */
    public boolean tracing() {
        String value = chosen("KIT_TRACING", tracingFile(), "on");
        return !value.equalsIgnoreCase("off") && !value.equalsIgnoreCase("false");
    }

    /** A choice kit up remembers: the environment variable, else what the last kit up wrote to {@code file}, else the default. */
    private String chosen(String variable, Path file, String fallback) {
        String value = env.get(variable);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        try {
            return Files.exists(file) ? Files.readString(file).trim() : fallback;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Writes a choice for the kit commands that follow (see {@link #chosen}). */
    void remember(Path file, String value) {
        try {
            Files.createDirectories(home);
            Files.writeString(file, value + "\n");
        } catch (java.io.IOException e) {
            throw new KitException("cannot write " + file + ": " + e.getMessage(), "check the folder's permissions");
        }
    }

    public Path tracingFile() {
        return home.resolve("tracing");
    }

    public Path proxyReplicasFile() {
        return home.resolve("proxy-replicas");
    }

    public Path adminTokenFile() {
        return home.resolve("admin-token");
    }
}
