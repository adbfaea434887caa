package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KitSettingsTest {

    private final KitSettings settings = KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_MONOLITH_PORT", "9181",
            "KIT_KAFKA_PORT", "ninety"));

    @Test
    void portsComeFromTheEnvironmentOrTheirDefaults() {
        assertThat(settings.port("KIT_MONOLITH_PORT", 8081)).isEqualTo(9181);
        assertThat(settings.port("KIT_SEARCH_PORT", 8082)).isEqualTo(8082);
        assertThat(settings.home()).isEqualTo(Path.of("/repo/.kit"));
    }

    @Test
    void aPortThatIsNoNumberIsAUsageError() {
        assertThatThrownBy(() -> settings.port("KIT_KAFKA_PORT", 9092))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("KIT_KAFKA_PORT=ninety")
                .extracting(e -> ((KitException) e).exitCode()).isEqualTo(2);
    }
}
