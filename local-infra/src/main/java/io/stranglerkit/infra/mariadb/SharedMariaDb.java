package io.stranglerkit.infra.mariadb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real MariaDB per test JVM, started on first use on a free port under {@code target/}, and
 * stopped and deleted when the JVM exits. Tests share it, so each test makes its own data
 * (unique SKUs, e-mails, search words) instead of assuming an empty database.
 */
public final class SharedMariaDb {

    /**
     * The tests' own account, {@code kit_test}: tests create their schemas and start applications on
     * them with it. Only test servers have it (append it with {@code extraInitSql}); a kit never does.
     */
    public static final String TEST_ADMIN_SQL = """
            CREATE USER IF NOT EXISTS 'kit_test'@'localhost' IDENTIFIED BY 'kit_test';
            CREATE USER IF NOT EXISTS 'kit_test'@'127.0.0.1' IDENTIFIED BY 'kit_test';
            GRANT ALL PRIVILEGES ON *.* TO 'kit_test'@'localhost' WITH GRANT OPTION;
            GRANT ALL PRIVILEGES ON *.* TO 'kit_test'@'127.0.0.1' WITH GRANT OPTION;
            FLUSH PRIVILEGES;""";

    private static LocalMariaDb instance;

    private SharedMariaDb() {
    }

    public static synchronized LocalMariaDb get() {
        if (instance == null) {
            Path dir = Path.of("target", "it-mariadb-" + ProcessHandle.current().pid()).toAbsolutePath();
            deleteRecursively(dir);
            LocalMariaDb db = LocalMariaDb.builder().directory(dir).innodbBufferPoolSize("128M").extraInitSql(TEST_ADMIN_SQL).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                db.stop();
                deleteRecursively(dir);
            }, "shared-mariadb-stop"));
            instance = db;
        }
        return instance;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover directory under target/ is removed by the next clean.
        }
    }
}
