package io.stranglerkit.kit.launcher;

import io.stranglerkit.infra.JavaProcess;
import io.stranglerkit.infra.kafka.LocalKafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kit's processes: infrastructure, then the applications (see {@link #phases()} for what
 * starts together). {@code kit down} stops them in the reverse of this order.
 */
public final class Topology {

    public static final String MARIADB = "mariadb";
    public static final String KAFKA = "kafka";
    public static final String MONOLITH = "legacy-monolith";
    public static final String CDC_BRIDGE = "cdc-bridge";
    public static final String SEARCH = "extracted-search-service";
    public static final String CATALOG = "extracted-catalog-service";
    public static final String PROXY = "routing-proxy";
    public static final String CONSOLE = "migration-console";
    public static final String ZIPKIN = "zipkin";
    /**
     * The proxy allocates about 60 KB per request: a young generation of 80 MB collects a few times a
     * second at full load instead of tens of times (bench/proxy.sh runs it with the same settings).
     */
    static final List<String> PROXY_JVM = List.of("-Xms128m", "-Xmx256m", "-Xmn80m", "-XX:+UseSerialGC");

    private final KitSettings settings;
    private final List<Part> parts;
    private final Map<String, Integer> portsByVariable = new LinkedHashMap<>();
    private final LocalKafka kafka;
    /** What every application is told about tracing: on or off, and where Zipkin takes spans. */
    private final Map<String, String> tracingEnv;
    private static final int ZIPKIN_MAX_SPANS = 100_000;

    public Topology(KitSettings settings) {
        this.settings = settings;
        int db = settings.port("KIT_MARIADB_PORT", 3307);
        int kafkaPort = settings.port("KIT_KAFKA_PORT", 9092);
        int controllerPort = settings.port("KIT_KAFKA_CONTROLLER_PORT", 9093);
        int monolith = settings.port("KIT_MONOLITH_PORT", 8081);
        int search = settings.port("KIT_SEARCH_PORT", 8082);
        int catalog = settings.port("KIT_CATALOG_PORT", 8083);
        int cdc = settings.port("KIT_CDC_PORT", 8084);
        int proxy = settings.port("KIT_PROXY_PORT", 8080);
        int proxyAdmin = settings.port("KIT_PROXY_ADMIN_PORT", 8180);
        int proxyManagement = settings.port("KIT_PROXY_MANAGEMENT_PORT", 8280);
        int console = settings.port("KIT_CONSOLE_PORT", 8090);
        int zipkin = settings.port("KIT_ZIPKIN_PORT", 9411);
        for (Object[] variable : new Object[][]{{"KIT_MARIADB_PORT", db}, {"KIT_KAFKA_PORT", kafkaPort},
                {"KIT_KAFKA_CONTROLLER_PORT", controllerPort}, {"KIT_MONOLITH_PORT", monolith}, {"KIT_SEARCH_PORT", search},
                {"KIT_CATALOG_PORT", catalog}, {"KIT_CDC_PORT", cdc}, {"KIT_PROXY_PORT", proxy}, {"KIT_PROXY_ADMIN_PORT", proxyAdmin},
                {"KIT_PROXY_MANAGEMENT_PORT", proxyManagement}, {"KIT_CONSOLE_PORT", console}, {"KIT_ZIPKIN_PORT", zipkin}}) {
            portsByVariable.put((String) variable[0], (Integer) variable[1]);
        }
        this.kafka = new LocalKafka(settings.home().resolve("kafka"), kafkaPort, controllerPort);
        String bootstrap = kafka.bootstrapServers();
        String adminToken = adminToken(settings);
        boolean tracing = settings.tracing();
        this.tracingEnv = env("TRACING_ENABLED", tracing, "ZIPKIN_ENDPOINT", "http://127.0.0.1:" + zipkin + "/api/v2/spans");

        List<Part> list = new ArrayList<>();
        list.add(new Part(MARIADB, "MariaDB 11.4, binlog on (schemas shop, search, catalog)", db, "KIT_MARIADB_PORT", List.of(),
                null, infraJava("96m", "io.stranglerkit.infra.mariadb.MariaDbServerMain", String.valueOf(db),
                settings.home().resolve("mariadb").toString()),
                Map.of(), Readiness.logLineAndPort("MariaDB ready on"), Duration.ofSeconds(120)));
        list.add(new Part(KAFKA, "Kafka broker (KRaft, one node)", kafkaPort, "KIT_KAFKA_PORT", List.of(controllerPort),
                null, kafka.serverCommand("512m"), Map.of(), Readiness.kafkaCluster(), Duration.ofSeconds(90)));
        if (tracing) {
            list.add(new Part(ZIPKIN, "Zipkin: traces, in memory (the last " + ZIPKIN_MAX_SPANS + " spans)", zipkin, "KIT_ZIPKIN_PORT",
                    List.of(), null, zipkinCommand(zipkin), Map.of("MEM_MAX_SPANS", String.valueOf(ZIPKIN_MAX_SPANS)),
                    Readiness.logLineAndPort("Serving HTTP at"), Duration.ofSeconds(90)));
        }
        list.add(app(MONOLITH, "the legacy shop", monolith, "KIT_MONOLITH_PORT", heap("384m"), env(
                "SERVER_PORT", monolith,
                "SPRING_DATASOURCE_URL", jdbcUrl(db, "shop"),
                "SPRING_DATASOURCE_USERNAME", "shop",
                "SPRING_DATASOURCE_PASSWORD", "shop")));
        list.add(app(CDC_BRIDGE, "change data capture: binlog -> Kafka", cdc, "KIT_CDC_PORT", heap("384m"), env(
                "SERVER_PORT", cdc,
                "CDC_DATABASE_HOST", "127.0.0.1",
                "CDC_DATABASE_PORT", db,
                "CDC_DATABASE_USER", "cdc",
                "CDC_DATABASE_PASSWORD", "cdc",
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "CDC_DATA_DIR", settings.home().resolve("cdc"),
                "KIT_ADMIN_TOKEN", adminToken)));
        Map<String, String> searchEnv = new LinkedHashMap<>(extractedServiceEnv(search, db, "search", bootstrap));
        searchEnv.put("KIT_ADMIN_TOKEN", adminToken); // for POST /admin/rebuild
        searchEnv.put("SEARCH_INDEX_DIR", settings.home().resolve("search-index").toString());
        // glibc's malloc arenas (up to 8 per core) hold memory the JVM no longer uses; two are enough here.
        searchEnv.put("MALLOC_ARENA_MAX", "2");
        list.add(app(SEARCH, "search service (read model fed by CDC)", search, "KIT_SEARCH_PORT", heap("192m"), searchEnv));
        Map<String, String> catalogEnv = new LinkedHashMap<>(extractedServiceEnv(catalog, db, "catalog", bootstrap));
        catalogEnv.put("KIT_ADMIN_TOKEN", adminToken); // for /admin/forward-sync
        // The reverse sync writes back to shop.product with its own account (see kit-databases.sql).
        catalogEnv.put("CATALOG_SHOP_DATASOURCE_URL", jdbcUrl(db, "shop"));
        catalogEnv.put("CATALOG_SHOP_DATASOURCE_USERNAME", "catalog_sync");
        catalogEnv.put("CATALOG_SHOP_DATASOURCE_PASSWORD", "catalog_sync");
        list.add(app(CATALOG, "catalog service (takes over product writes)", catalog, "KIT_CATALOG_PORT", heap("256m"), catalogEnv));
        // Replicas share the public port (SO_REUSEPORT) and one route table (a Kafka topic); each has its
        // own admin and management port, the next ones up from the first replica's.
        int replicas = settings.proxyReplicas();
        List<String> adminUrls = new ArrayList<>();
        List<String> managementUrls = new ArrayList<>();
        for (int replica = 1; replica <= replicas; replica++) {
            // The console reads every replica.
            adminUrls.add("http://127.0.0.1:" + (proxyAdmin + replica - 1));
            managementUrls.add("http://127.0.0.1:" + (proxyManagement + replica - 1));
            String name = proxyReplica(replica);
            list.add(app(name, replica == 1 ? "routing proxy (route percentages, fallback)" : "routing proxy, replica " + replica,
                    proxy, "KIT_PROXY_PORT", PROXY_JVM, env(
                    "SERVER_PORT", proxy,
                    "PROXY_REPLICA", name,
                    "PROXY_REUSE_PORT", true,
                    "PROXY_ADMIN_PORT", proxyAdmin + replica - 1,
                    "PROXY_ADMIN_ADDRESS", "127.0.0.1",
                    "PROXY_MANAGEMENT_PORT", proxyManagement + replica - 1,
                    "PROXY_MANAGEMENT_ADDRESS", "127.0.0.1",
                    "KIT_ADMIN_TOKEN", adminToken,
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "MONOLITH_URL", "http://127.0.0.1:" + monolith,
                    "SEARCH_SERVICE_URL", "http://127.0.0.1:" + search,
                    "CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalog,
                    "CDC_BRIDGE_URL", "http://127.0.0.1:" + cdc,
                    "PROXY_DATA_DIR", settings.home().resolve(replica == 1 ? "proxy" : "proxy-" + replica),
                    // Clients on this machine get links (Location) with the proxy's address.
                    "PROXY_TRUSTED_PROXIES", "127\\.0\\.0\\.1|0:0:0:0:0:0:0:1")));
        }
        list.add(app(CONSOLE, "migration console (live page; changes need the admin token)", console, "KIT_CONSOLE_PORT",
                heap("128m"), env(
                "SERVER_PORT", console,
                "CONSOLE_ADDRESS", "127.0.0.1",
                "PROXY_ADMIN_URLS", String.join(",", adminUrls),
                "PROXY_MANAGEMENT_URLS", String.join(",", managementUrls),
                "MONOLITH_URL", "http://127.0.0.1:" + monolith,
                "SEARCH_SERVICE_URL", "http://127.0.0.1:" + search,
                "CATALOG_SERVICE_URL", "http://127.0.0.1:" + catalog,
                "CDC_BRIDGE_URL", "http://127.0.0.1:" + cdc,
                "CONSOLE_MARIADB_ADDRESS", "127.0.0.1:" + db,
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "KIT_ADMIN_TOKEN", adminToken,
                // The verify button runs this kit's CLI; the console inherits kit up's environment (KIT_HOME, ports).
                "CONSOLE_VERIFY_COMMAND", String.join(",", java(), "-jar", settings.root().resolve("migration-playbook/target/kit.jar")
                        .toString(), "verify"))));
        this.parts = List.copyOf(list);
    }

    public List<Part> parts() {
        return parts;
    }

    /**
     * Start phases: the parts of a phase do not need each other and start together; a phase waits
     * for the one before it. Infrastructure; then the monolith (seeding needs it) and the catalog
     * service, whose migrations create {@code catalog.product}; then the rest. The bridge captures
     * that table: started before the table existed, its snapshot could miss the table's schema, and
     * Debezium then stops at the table's first change ("schema isn't known to this connector").
     * (Starting the monolith together with the rest was measured no faster on 2 cores: JVM start-ups
     * compete for the CPU.)
     */
    public List<List<Part>> phases() {
        List<Part> infrastructure = new ArrayList<>(List.of(part(MARIADB), part(KAFKA)));
        if (part(ZIPKIN) != null) {
            infrastructure.add(part(ZIPKIN));
        }
        return List.of(
                List.copyOf(infrastructure),
                List.of(part(MONOLITH), part(CATALOG)),
                phase3());
    }

    private List<Part> phase3() {
        List<Part> last = new ArrayList<>(List.of(part(CDC_BRIDGE), part(SEARCH)));
        last.addAll(proxies());
        last.add(part(CONSOLE));
        return List.copyOf(last);
    }

    /** The routing proxy's replicas: routing-proxy, routing-proxy-2, ... */
    public List<Part> proxies() {
        return parts.stream().filter(p -> isProxyReplica(p.name())).toList();
    }

    /** routing-proxy, routing-proxy-2, ...: the names {@link #proxyReplica} gives. */
    public static boolean isProxyReplica(String partName) {
        return partName.equals(PROXY) || partName.startsWith(PROXY + "-");
    }

    public static String proxyReplica(int replica) {
        return replica == 1 ? PROXY : PROXY + "-" + replica;
    }

    /** Refuses a configuration that gives two parts one port, naming both variables, before anything starts. */
    public void requireDistinctPorts() {
        Map<Integer, String> seen = new LinkedHashMap<>();
        portsByVariable.forEach((variable, port) -> {
            String other = seen.putIfAbsent(port, variable);
            if (other != null) {
                String moved = settings.env().containsKey(variable) ? variable : other;
                throw new io.stranglerkit.kit.KitException(other + " and " + variable + " are both " + port + ": two parts cannot share a port",
                        "give one of them another port, e.g. " + moved + "=" + (port + 100) + " ./kit up", 2);
            }
        });
    }

    /** The named part, or a usage error (exit 2) that lists the parts. */
    public Part requirePart(String name) {
        Part part = part(name);
        if (part == null) {
            throw new io.stranglerkit.kit.KitException("no part '" + name + "'", "parts are " + String.join(", ", names()), 2);
        }
        return part;
    }

    public Part part(String name) {
        return parts.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Fails with what to do unless every named part is up and healthy. */
    public void requireReady(String... names) {
        for (String name : names) {
            String problem = part(name).whyNotReady(settings.log(name));
            if (problem != null) {
                throw new io.stranglerkit.kit.KitException(name + " is not running (" + problem + ")", "start the kit with ./kit up");
            }
        }
    }

    public List<String> names() {
        return parts.stream().map(Part::name).toList();
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** An extracted service: its port, its own schema and user (named like the schema), Kafka. */
    private static Map<String, String> extractedServiceEnv(int port, int dbPort, String schema, String bootstrap) {
        return env(
                "SERVER_PORT", port,
                "SPRING_DATASOURCE_URL", jdbcUrl(dbPort, schema),
                "SPRING_DATASOURCE_USERNAME", schema,
                "SPRING_DATASOURCE_PASSWORD", schema,
                "KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    }

    /** KIT_ADMIN_TOKEN, else the token kit up keeps in .kit/admin-token ("" before the first kit up). */
    public static String adminToken(KitSettings settings) {
        String fromEnv = settings.env().get("KIT_ADMIN_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            Path file = settings.adminTokenFile();
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.readString(file).trim() : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + settings.adminTokenFile(), e);
        }
    }

    public static String jdbcUrl(int port, String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    }

    private static List<String> heap(String max) {
        return List.of("-Xms64m", "-Xmx" + max, "-XX:+UseSerialGC");
    }

    private Part app(String name, String description, int port, String portVariable, List<String> jvmOptions, Map<String, String> appEnv) {
        Map<String, String> env = new LinkedHashMap<>(appEnv);
        env.putAll(tracingEnv);
        // A part runs its module's jar; proxy replicas (routing-proxy-2, ...) all run routing-proxy's.
        String module = isProxyReplica(name) ? PROXY : name;
        Path jar = settings.root().resolve(module).resolve("target").resolve(module + ".jar");
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        List<Integer> otherPorts = new ArrayList<>();
        for (String variable : List.of("PROXY_ADMIN_PORT", "PROXY_MANAGEMENT_PORT")) {
            if (env.containsKey(variable)) {
                otherPorts.add(Integer.parseInt(env.get(variable)));
            }
        }
        // The proxy answers health on its management port; the others on their only port.
        int healthPort = env.containsKey("PROXY_MANAGEMENT_PORT") ? Integer.parseInt(env.get("PROXY_MANAGEMENT_PORT")) : port;
        return new Part(name, description, port, portVariable, List.copyOf(otherPorts), jar, List.copyOf(command), env,
                Readiness.actuatorHealth(healthPort), Duration.ofSeconds(120));
    }

    /** Zipkin's own runnable jar (copied next to kit.jar by the build), on loopback only. */
    private List<String> zipkinCommand(int port) {
        Path jar = settings.root().resolve("migration-playbook/target/zipkin/zipkin-server.jar");
        return List.of(java(), "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--armeria.ports[0].port=" + port, "--armeria.ports[0].ip=127.0.0.1", "--armeria.ports[0].protocols[0]=http");
    }

    /** Infrastructure runs from the kit's own classpath (kit.jar and its lib/). */
    private static List<String> infraJava(String heap, String mainClass, String... args) {
        return JavaProcess.command(heap, mainClass, args);
    }

    static String java() {
        return JavaProcess.java();
    }

    private static Map<String, String> env(Object... keyValues) {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put((String) keyValues[i], String.valueOf(keyValues[i + 1]));
        }
        return env;
    }
}
