package io.stranglerkit.infra.mariadb;

import io.stranglerkit.infra.JavaProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class MariaDbServerMainTest {

    @TempDir
    Path dir;

    /** As the kit runs it: a JVM of its own. Its mariadbd killed, the JVM must not stay up around nothing. */
    @Test
    void whenMariadbdDiesTheHostProcessExitsSoTheKitSeesIt() throws Exception {
        Path log = dir.resolve("mariadb.log");
        Process host = new ProcessBuilder(JavaProcess.command("96m", MariaDbServerMain.class.getName(),
                String.valueOf(LocalMariaDb.freePort()), dir.resolve("db").toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("MariaDB ready"));
            ProcessHandle server = host.toHandle().descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/mariadbd")).findFirst().orElseThrow();

            assertThat(server.destroyForcibly()).isTrue(); // SIGKILL

            assertThat(host.waitFor(20, TimeUnit.SECONDS)).as("the host exited").isTrue();
            assertThat(host.exitValue()).isEqualTo(MariaDbServerMain.SERVER_DIED);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("mariadbd (pid " + server.pid() + ") died");
        } finally {
            host.destroyForcibly();
            host.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }
}
