package io.stranglerkit.infra.mariadb;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalMariaDbTest {

    private static final Path DIR = Paths.get("target", "mariadb-" + UUID.randomUUID());
    private static LocalMariaDb db;

    @BeforeAll
    static void start() {
        db = LocalMariaDb.builder().directory(DIR).start();
    }

    @AfterAll
    static void stop() {
        if (db != null) {
            db.stop();
        }
    }

    @Test
    void binlogIsOnInRowFormatWithFullImages() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("shop"), "kit", "kit");
             Statement s = c.createStatement()) {
            assertThat(variable(s, "log_bin")).isEqualTo("1");
            assertThat(variable(s, "binlog_format")).isEqualTo("ROW");
            assertThat(variable(s, "binlog_row_image")).isEqualTo("FULL");
            assertThat(variable(s, "server_id")).isEqualTo("1");
            assertThat(variable(s, "version")).startsWith("11.4");
        }
    }

    @Test
    void eachServiceUserSeesOnlyItsOwnSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("shop"), "shop", "shop");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS probe (id INT PRIMARY KEY)");
            assertThatThrownBy(() -> s.executeQuery("SELECT * FROM search.nothing"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl("catalog"), "search", "search"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("denied");
    }

    /** The kit CLI's account: reads every service's schema, writes only the monolith's, no DDL, from this machine only. */
    @Test
    void kitAccountReadsEverySchemaWritesOnlyTheShopAndOnlyFromThisMachine() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "kit", "kit");
             Statement s = c.createStatement()) {
            s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema IN ('shop', 'search', 'catalog')").close();
            try (ResultSet grants = s.executeQuery("SHOW GRANTS")) {
                StringBuilder all = new StringBuilder();
                while (grants.next()) {
                    all.append(grants.getString(1)).append('\n');
                }
                assertThat(all.toString())
                        .contains("GRANT SELECT ON `search`.*", "GRANT SELECT ON `catalog`.*", "GRANT SELECT, INSERT, UPDATE, DELETE ON `shop`.*")
                        .doesNotContain("ALL PRIVILEGES", "GRANT OPTION", "@`%`");
            }
            assertThatThrownBy(() -> s.execute("CREATE DATABASE kit_may_not")).hasMessageContaining("denied");
            assertThatThrownBy(() -> s.execute("CREATE TABLE shop.kit_may_not (id INT)")).hasMessageContaining("denied");
            assertThatThrownBy(() -> s.execute("DELETE FROM catalog.product")).hasMessageContaining("denied");
        }
    }

    @Test
    void cdcUserHasReplicationGrants() throws SQLException {
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(""), "cdc", "cdc");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            rs.next();
            assertThat(rs.getString(1)).contains("REPLICATION SLAVE").contains("RELOAD");
        }
    }

    /** kit down stops the server process with SIGTERM; its data must survive even under /tmp. */
    @Test
    void dataUnderTheTempDirectorySurvivesAStopOfTheServerProcess() throws Exception {
        Path dir = java.nio.file.Files.createTempDirectory("kit-mariadb-keep");
        int port = LocalMariaDb.freePort();
        Process server = startServer(port, dir);
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/shop?sslMode=DISABLED", "shop", "shop");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (id INT PRIMARY KEY)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        server.destroy();
        assertThat(server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("data").resolve("shop")).isDirectory();

        server = startServer(port, dir);
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/shop?sslMode=DISABLED", "kit", "kit");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM kept")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        } finally {
            server.destroy();
            server.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        }
    }

    private static Process startServer(int port, Path dir) throws Exception {
        Process process = new ProcessBuilder(io.stranglerkit.infra.JavaProcess.command("128m",
                MariaDbServerMain.class.getName(), String.valueOf(port), dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolveSibling(dir.getFileName() + ".log").toFile()))
                .start();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).ignoreExceptions().until(() -> {
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/shop?sslMode=DISABLED", "kit", "kit")) {
                return true;
            }
        });
        return process;
    }

    private static String variable(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
