package io.stranglerkit.infra.mariadb;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the kit's MariaDB in the foreground until the process is told to stop (SIGTERM or Ctrl-C),
 * then shuts the server down cleanly. {@code kit up} starts it as its own process.
 * <p>
 * Usage: {@code MariaDbServerMain <port> <directory>}
 */
public final class MariaDbServerMain {

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
        System.out.println("MariaDB ready on 127.0.0.1:" + db.port() + " (data in " + dir.resolve("data").toAbsolutePath() + ")");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("MariaDB stopping");
            db.stop();
            stopped.countDown();
        }, "mariadb-shutdown"));
        stopped.await();
    }
}
