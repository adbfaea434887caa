package io.stranglerkit.split;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SideChooserTest {

    @Test
    void aClientKeepsItsBucket() {
        assertThat(SideChooser.bucket("search", "client-42")).isEqualTo(SideChooser.bucket("search", "client-42"));
        assertThat(IntStream.range(0, 1000).map(i -> SideChooser.bucket("search", "c" + i))).allMatch(b -> b >= 0 && b < 100);
    }

    @Test
    void bucketsSpreadEvenly() {
        long below30 = IntStream.range(0, 20_000).filter(i -> SideChooser.bucket("search", "client-" + i) < 30).count();
        assertThat(below30 / 200.0).isBetween(28.0, 32.0);
    }

    @Test
    void raisingThePercentageOnlyMovesClientsToTheService() {
        for (int client = 0; client < 2_000; client++) {
            boolean wasService = false;
            for (int percent = 0; percent <= 100; percent += 5) {
                boolean service = SideChooser.toService(new Split(percent, true), "search", "c" + client);
                assertThat(!wasService || service).as("client c%d at %d%%", client, percent).isTrue();
                wasService = service;
            }
            assertThat(wasService).isTrue();
        }
    }

    @Test
    void zeroAndHundredAreAbsolute() {
        assertThat(SideChooser.toService(new Split(0, false), "search", null)).isFalse();
        assertThat(SideChooser.toService(new Split(100, false), "search", null)).isTrue();
    }
}
