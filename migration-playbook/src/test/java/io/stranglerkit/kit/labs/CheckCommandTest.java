package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckCommandTest {

    @Test
    void readsLabNamesAsStudentsTypeThem() {
        assertThat(CheckCommand.labNumber("lab-3")).isEqualTo(3);
        assertThat(CheckCommand.labNumber("LAB6")).isEqualTo(6);
        assertThat(CheckCommand.labNumber("lab-8")).isEqualTo(8);
        assertThatThrownBy(() -> CheckCommand.labNumber("lab-9")).isInstanceOf(KitException.class)
                .hasMessageContaining("no lab 'lab-9'").satisfies(e -> assertThat(((KitException) e).exitCode()).isEqualTo(2));
        assertThatThrownBy(() -> CheckCommand.labNumber("three")).isInstanceOf(KitException.class);
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
        assertThat(CheckCommand.liveChanges(metrics)).isEqualTo(6);
        assertThat(CheckCommand.liveChanges("cdc_events_published_total{op=\"r\",table=\"shop.product\"} 5.0\n")).isZero();
    }
}
