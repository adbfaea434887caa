package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckCommandTest {

    @Test
    void readsLabNamesAsStudentsTypeThem() {
        assertThat(CheckCommand.labNumber("lab-3")).isEqualTo(3);
        assertThat(CheckCommand.labNumber("LAB6")).isEqualTo(6);
        assertThat(CheckCommand.labNumber("lab-12")).isEqualTo(12);
        assertThat(CheckCommand.labNumber(" 9 ")).isEqualTo(9);
        assertThatThrownBy(() -> CheckCommand.labNumber("lab-13")).isInstanceOf(KitException.class)
                .hasMessageContaining("no lab 'lab-13'").satisfies(e -> assertThat(((KitException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> CheckCommand.labNumber("three")).isInstanceOf(KitException.class);
        assertThatThrownBy(() -> CheckCommand.labNumber("lab-0")).isInstanceOf(KitException.class);
        assertThatThrownBy(() -> CheckCommand.labNumber("lab-99999999999")).isInstanceOf(KitException.class);
    }

    @Test
    void everyLabHasChecksAndAStartStateInBothLanguages() {
        KitProbe kit = new KitProbe(KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_HOME", "target/no-kit")));
        for (int lab = 1; lab <= CheckCommand.LABS; lab++) {
            assertThat(new LabChecks(kit, Messages.forLanguage("en")).of(lab)).as("lab %d", lab).isNotEmpty();
            assertThat(new LabChecks(kit, Messages.forLanguage("ko")).of(lab)).extracting(LabChecks.Named::what)
                    .as("lab %d in Korean", lab).allMatch(what -> what.matches(".*[가-힣].*"));
            LabStart start = LabStart.of(lab);
            assertThat(start.routes()).containsOnlyKeys("search", "catalog-read", "catalog-write");
            assertThat(start.routes().values()).allMatch(LabStart.Split::sticky);
        }
        // The course moves forward: search first, the catalog's reads before its writes.
        assertThat(LabStart.of(9).routes().get("search").percent()).isEqualTo(100);
        assertThat(LabStart.of(10).routes().get("catalog-read").percent()).isEqualTo(100);
        assertThat(LabStart.of(11).routes().get("catalog-write").percent()).isEqualTo(50);
    }

    @Test
    void countsOnlyLiveChangesNotSnapshotReads() {
        String metrics = """
                # TYPE cdc_events_published_total counter
                cdc_events_published_total{application="cdc-bridge",op="r",table="shop.product"} 100000.0
                cdc_events_published_total{application="cdc-bridge",op="u",table="shop.product"} 3.0
                cdc_events_published_total{application="cdc-bridge",op="c",table="shop.category"} 1.0
                cdc_events_published_total{application="cdc-bridge",op="d",table="shop.product"} 2.0
                """;
        assertThat(LabChecks.liveChanges(metrics)).isEqualTo(6);
        assertThat(LabChecks.liveChanges("cdc_events_published_total{op=\"r\",table=\"shop.product\"} 5.0\n")).isZero();
    }
}
