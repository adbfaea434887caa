package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreflightTest {

    private static Part partOn(int port) {
        return new Part("legacy-monolith", "test", port, "KIT_MONOLITH_PORT", List.of(), null, List.of("true"), Map.of(),
                (p, log) -> null, Duration.ofSeconds(1));
    }

    @Test
    void aBusyPortIsNamedWithTheSettingThatMovesIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> UpCommand.checkPorts(List.of(partOn(busy.getLocalPort()))))
                    .isInstanceOf(KitException.class)
                    .hasMessageContaining("port " + busy.getLocalPort() + " (legacy-monolith) is already in use")
                    .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((KitException) e).fix()).contains("KIT_MONOLITH_PORT="));
        }
    }

    @Test
    void theProxysPublicPortIsSharedWhileAReplicaHoldsItButForeignProgramsAreStillNamed() throws Exception {
        try (ServerSocket held = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Part first = new Part("routing-proxy", "test", held.getLocalPort(), "KIT_PROXY_PORT", List.of(), null, List.of("true"),
                    Map.of(), (p, log) -> null, Duration.ofSeconds(1));
            Part second = new Part("routing-proxy-2", "test", held.getLocalPort(), "KIT_PROXY_PORT", List.of(), null, List.of("true"),
                    Map.of(), (p, log) -> null, Duration.ofSeconds(1));
            assertThatCode(() -> UpCommand.checkPorts(List.of(first, second), true)).as("a replica runs: shared").doesNotThrowAnyException();
            assertThatCode(() -> UpCommand.checkPorts(List.of(second), false)).as("replica 2 shares replica 1's").doesNotThrowAnyException();
            assertThatThrownBy(() -> UpCommand.checkPorts(List.of(first), false)).as("no replica runs: someone else has it")
                    .isInstanceOf(KitException.class).hasMessageContaining("(routing-proxy) is already in use");
        }
    }

    @Test
    void freePortsPass() {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        assertThatCode(() -> UpCommand.checkPorts(List.of(partOn(port)))).doesNotThrowAnyException();
    }

    @Test
    void tooLittleDiskIsRefusedWithAFix() {
        KitSettings settings = KitSettings.from(Map.of("KIT_ROOT", "target", "KIT_HOME", "target/disk-check",
                "KIT_MIN_FREE_DISK_MB", String.valueOf(Long.MAX_VALUE / (1024 * 1024))));
        assertThatThrownBy(() -> UpCommand.checkDisk(settings))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("not enough disk");
    }
}
