package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Starts MariaDB, Kafka and every built application, waiting for each to be healthy,",
                "and seeds the shop on first start. Data is kept under .kit/ between runs."})
public class UpCommand implements Callable<Integer> {

    static final long MIN_FREE_DISK_MB = 1024;
    static final int DEFAULT_PRODUCTS = 100_000;

    /** Null when not given: seed the default on first start, and nothing on a kit already seeded. */
    @Option(names = "--products", paramLabel = "N",
            description = {"Products to seed on first start (0 to 2000000; default 100000).",
                    "On a kit seeded with another count, seeds up to N (rows already there are kept)."})
    Integer products;

    @Option(names = "--skip-seed", description = "Do not seed, even on first start.")
    boolean skipSeed;

    @Option(names = "--proxies", paramLabel = "N", description = {"Run N routing-proxy replicas on the public port together",
            "(also KIT_PROXY_REPLICAS; default 1, or what the last --proxies chose)."})
    Integer proxies;

    /** Null when not given: keep what the last --tracing / --no-tracing chose (on at first). */
    @Option(names = "--tracing", negatable = true, description = {"Trace requests and changes into Zipkin (127.0.0.1:9411; default),",
            "or --no-tracing: no Zipkin part and no tracing in the applications (also KIT_TRACING=off)."})
    Boolean tracing;

    @Option(names = "--supervise", description = {"Keep a supervisor running that restarts a part which dies unexpectedly,",
            "with back-off (also KIT_SUPERVISE=true). A part stopped with ./kit stop stays stopped."})
    boolean supervise;

    private final PrintWriter out = new PrintWriter(System.out, true);
    /** Products seeded by this run (0: none): the first seed is followed by the classroom snapshot. */
    private int seededNow;

    /**
     * Starts what is not running, in dependency order, and leaves running parts alone: after a crash
     * {@code kit up} brings back exactly the parts that died.
     */
    @Override
    public Integer call() {
        if (products != null && (products < 0 || products > 2_000_000)) {
            throw new KitException("--products must be between 0 and 2000000, got " + products, "for example: ./kit up --products 10000", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        if (proxies != null) {
            chooseProxyReplicas(settings, proxies);
        }
        if (tracing != null) {
            chooseTracing(settings, tracing);
        }
        new Topology(settings).requireDistinctPorts();
        // The token first: the topology hands it to the parts that have admin actions.
        String tokenNote = ensureAdminToken(settings);
        Topology topology = new Topology(settings);
        Processes processes = new Processes(settings);
        checkDisk(settings);
        long started = System.nanoTime();
        List<String> startedNames = new ArrayList<>();
        List<String> alreadyUp = new ArrayList<>();
        try (StartLock lock = StartLock.acquire(settings)) {
            List<Part> toStart = topology.parts().stream().filter(Part::isBuilt)
                    .filter(p -> processes.find(p.name()).filter(Processes.Running::alive).isEmpty()).toList();
            // A running replica holds the public port that a replica being started will share.
            boolean proxyRunning = topology.proxies().stream()
                    .anyMatch(p -> processes.find(p.name()).filter(Processes.Running::alive).isPresent());
            checkPorts(toStart, proxyRunning);
            out.printf("%s strangler-kit (data and logs in %s)%n", toStart.size() == topology.parts().size() ? "Starting" : "Completing",
                    settings.home());
            startPhases(settings, topology, processes, startedNames, alreadyUp);
        }
        if (seededNow > 0 && ClassroomSnapshot.enabled(settings)) {
            new ClassroomSnapshot(settings, out).take(topology, seededNow);
            try (StartLock lock = StartLock.acquire(settings)) {
                startPhases(settings, topology, processes, new ArrayList<>(), new ArrayList<>());
            }
        }
        if (supervise || Boolean.parseBoolean(settings.get("KIT_SUPERVISE", "false"))) {
            Supervisor.ensureRunning(settings, processes, out);
        }
        printSummary(settings, topology, tokenNote, Duration.ofNanos(System.nanoTime() - started));
        if (!alreadyUp.isEmpty()) {
            out.println("Started: " + (startedNames.isEmpty() ? "nothing" : String.join(", ", startedNames))
                    + "; already up: " + String.join(", ", alreadyUp) + ".");
        }
        return 0;
    }

    private void startPhases(KitSettings settings, Topology topology, Processes processes, List<String> startedNames, List<String> alreadyUp) {
        Startup startup = new Startup(settings, topology, processes, out);
        List<Processes.Running> startedParts = new ArrayList<>();
        Thread undo = new Thread(() -> stopAll(processes, startedParts), "kit-up-undo");
        Runtime.getRuntime().addShutdownHook(undo);
        int step = 0;
        try {
            for (List<Part> phase : topology.phases()) {
                List<Part> waitFor = new ArrayList<>();
                List<Processes.Running> runningOfPhase = new ArrayList<>();
                List<Long> beganAt = new ArrayList<>();
                for (Part part : phase) {
                    if (!part.isBuilt()) {
                        out.printf("%s skipped: not built yet (no %s)%n", label(++step, topology, part),
                                settings.root().relativize(part.jar()));
                        continue;
                    }
                    var running = processes.find(part.name());
                    if (running.isPresent() && running.get().alive()) {
                        alreadyUp.add(part.name());
                    } else {
                        processes.crash(part.name()).ifPresent(how -> out.printf("      %s had crashed (%s); starting it again%n",
                                part.name(), how));
                        processes.forget(part.name());
                        running = Optional.of(startup.start(part));
                        startedParts.add(running.get());
                        startedNames.add(part.name());
                    }
                    waitFor.add(part);
                    runningOfPhase.add(running.get());
                    beganAt.add(System.nanoTime());
                }
                for (int i = 0; i < waitFor.size(); i++) {
                    Part part = waitFor.get(i);
                    String label = label(++step, topology, part);
                    if (alreadyUp.contains(part.name()) && part.whyNotReady(settings.log(part.name())) == null) {
                        out.printf("%s already up on %s (pid %d)%n", label, Startup.address(part), runningOfPhase.get(i).pid());
                    } else {
                        startup.awaitHealthy(part, runningOfPhase.get(i), label, beganAt.get(i));
                    }
                    if (part.name().equals(Topology.MONOLITH) && !skipSeed) {
                        seededNow = new Seeding(settings, part, out).seedIfNeeded(products);
                    }
                }
            }
        } catch (KitException e) {
            throw new KitException(e.getMessage() + (startedParts.isEmpty() ? "" : "; the parts this run started have been stopped"), e.fix());
        }
        Runtime.getRuntime().removeShutdownHook(undo);
    }

    private static String label(int step, Topology topology, Part part) {
        return String.format(Locale.ROOT, "[%d/%d] %-26s", step, topology.parts().size(), part.name());
    }

    private static void stopAll(Processes processes, List<Processes.Running> started) {
        for (int i = started.size() - 1; i >= 0; i--) {
            processes.stop(started.get(i), Duration.ofSeconds(20));
        }
    }

    static void checkDisk(KitSettings settings) {
        try {
            Files.createDirectories(settings.home());
            long freeMb = Files.getFileStore(settings.home()).getUsableSpace() / (1024 * 1024);
            long needed = Long.parseLong(settings.get("KIT_MIN_FREE_DISK_MB", String.valueOf(MIN_FREE_DISK_MB)));
            if (freeMb < needed) {
                throw new KitException(String.format(Locale.ROOT, "not enough disk: %,d MiB free under %s, the kit needs at least %,d MiB",
                        freeMb, settings.home(), needed), "free some space there, or point KIT_HOME at a disk with room");
            }
        } catch (IOException e) {
            throw new KitException("cannot use " + settings.home() + ": " + e.getMessage(), "check the folder's permissions, or set KIT_HOME");
        }
    }

    /** Remembers --proxies N for the commands that follow; fewer replicas than run now need a kit down first. */
    static void chooseProxyReplicas(KitSettings settings, int replicas) {
        if (replicas < 1 || replicas > KitSettings.MAX_PROXY_REPLICAS) {
            throw new KitException("--proxies must be between 1 and " + KitSettings.MAX_PROXY_REPLICAS + ", got " + replicas,
                    "for example: ./kit up --proxies 2", 2);
        }
        Processes processes = new Processes(settings);
        for (int replica = replicas + 1; replica <= KitSettings.MAX_PROXY_REPLICAS; replica++) {
            String name = Topology.proxyReplica(replica);
            if (processes.find(name).filter(Processes.Running::alive).isPresent()) {
                throw new KitException(name + " is running: the kit cannot drop to " + replicas + " proxy replicas while it runs",
                        "./kit down, then ./kit up --proxies " + replicas, 2);
            }
        }
        settings.remember(settings.proxyReplicasFile(), String.valueOf(replicas));
    }

    /** Remembers --tracing / --no-tracing; the running applications were started with the other choice, so not while they run. */
    static void chooseTracing(KitSettings settings, boolean on) {
        if (settings.tracing() == on) {
            return;
        }
        Processes processes = new Processes(settings);
        for (Part part : new Topology(settings).parts()) {
            if (part.isApplication() && processes.find(part.name()).filter(Processes.Running::alive).isPresent()) {
                throw new KitException(part.name() + " is running with tracing " + (on ? "off" : "on"),
                        "./kit down, then ./kit up " + (on ? "--tracing" : "--no-tracing"), 2);
            }
        }
        settings.remember(settings.tracingFile(), on ? "on" : "off");
    }

    static void checkPorts(List<Part> parts) {
        checkPorts(parts, false);
    }

    /** @param proxyRunning a proxy replica runs: the public port it holds is shared on purpose, not taken */
    static void checkPorts(List<Part> parts, boolean proxyRunning) {
        for (Part part : parts) {
            List<Integer> ports = new ArrayList<>();
            // Replicas after the first share its public port on purpose, and all do while one runs.
            boolean sharesPublicPort = Topology.isProxyReplica(part.name()) && (proxyRunning || !part.name().equals(Topology.PROXY));
            if (!sharesPublicPort) {
                ports.add(part.port());
            }
            ports.addAll(part.otherPorts());
            for (int port : ports) {
                if (!free(port)) {
                    throw new KitException("port " + port + " (" + part.name() + ") is already in use by another program",
                            "stop that program, or move this part: " + part.portVariable() + "=<free port> ./kit up");
                }
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The proxy's admin token: KIT_ADMIN_TOKEN when set, else generated once, readable by the owner only. */
    static String ensureAdminToken(KitSettings settings) {
        if (settings.env().get("KIT_ADMIN_TOKEN") != null) {
            return "from KIT_ADMIN_TOKEN";
        }
        Path file = settings.adminTokenFile();
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] bytes = new byte[24];
                new SecureRandom().nextBytes(bytes);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, HexFormat.of().formatHex(bytes) + "\n");
            }
            return "in " + file + " (KIT_ADMIN_TOKEN overrides it)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void printSummary(KitSettings settings, Topology topology, String tokenNote, Duration took) {
        out.printf(Locale.ROOT, "%nThe kit is up (%.1f s).%n%n", took.toMillis() / 1000.0);
        out.println("  part                        address");
        for (Part part : topology.parts()) {
            if (part.isBuilt()) {
                String extra = part.name().equals(Topology.MONOLITH) ? "   (API docs: " + part.url() + "/v3/api-docs)"
                        : topology.proxies().size() > 1 && topology.proxies().contains(part) ? "   (admin API on 127.0.0.1:" + part.otherPorts().get(0) + ")"
                        : "";
                out.printf("  %-27s %s%s%n", part.name(), Startup.address(part), extra);
            }
        }
        out.println();
        out.println("Admin token: " + tokenNote);
        if (topology.part(Topology.PROXY).isBuilt()) {
            int adminPort = topology.part(Topology.PROXY).otherPorts().get(0);
            String token = settings.env().get("KIT_ADMIN_TOKEN") != null ? "$KIT_ADMIN_TOKEN" : "$(cat " + settings.adminTokenFile() + ")";
            out.println("Routes:      curl -H \"Authorization: Bearer " + token + "\" http://127.0.0.1:" + adminPort + "/admin/routes");
            out.println("Metrics:     curl http://127.0.0.1:" + topology.part(Topology.PROXY).otherPorts().get(1) + "/actuator/prometheus"
                    + "   (the proxy's health and metrics, loopback only)");
        }
        if (topology.part(Topology.CONSOLE).isBuilt()) {
            out.println("Console:     " + topology.part(Topology.CONSOLE).url() + "   (live page; ./kit console opens it)");
        }
        if (topology.part(Topology.ZIPKIN) != null) {
            out.println("Traces:      " + topology.part(Topology.ZIPKIN).url() + "   (Zipkin; ./kit trace <correlation id> prints one)");
        }
        Part entry = topology.part(Topology.PROXY).isBuilt() ? topology.part(Topology.PROXY) : topology.part(Topology.MONOLITH);
        out.println("Try:   curl '" + entry.url() + "/api/products/search?q=oak%20chair&size=3'");
        if (topology.part(Topology.CATALOG).isBuilt() && topology.part(Topology.PROXY).isBuilt()) {
            out.println("       ./kit route set catalog-read 50 && curl -i " + entry.url() + "/api/products/1   (see X-Served-By)");
        }
        out.println("Then:  ./kit status    ./kit logs " + Topology.MONOLITH + "    ./kit down");
    }
}
