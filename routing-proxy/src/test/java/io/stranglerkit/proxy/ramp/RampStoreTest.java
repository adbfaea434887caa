package io.stranglerkit.proxy.ramp;

import io.stranglerkit.proxy.ProxyProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RampStoreTest {

    @TempDir
    Path dir;

    private RampStore store() {
        return new RampStore(new ProxyProperties(dir, "r1", null, null, null));
    }

    @Test
    void aRampReadsBackAsItWasSaved() throws Exception {
        RampPlan plan = RampPlan.parse(JsonMapper.builder().build().readTree(
                "{\"route\":\"search\",\"steps\":[10,50,100],\"hold\":\"1500ms\",\"maxP99Ms\":80,\"rollbackTo\":\"last-good-step\"}"));
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        Ramp ramp = new Ramp(plan, Ramp.RUNNING, 0, at, null, null, List.of(), List.of(), "admin from 127.0.0.1", 12.5)
                .to(Ramp.RUNNING, "started", at).atStep(0, at)
                .judged(List.of(new RampCheck("p99", RampCheck.PASS, 3.2, "3.2 ms", "at most 80.0 ms")), "passed", at.plusSeconds(2), 12.5)
                .atStep(1, at.plusSeconds(2))
                .rolledBack(new Ramp.Rollback("error-rate", 7.0, "7% (7 of 100)", "at most 1%", "3 s of step 2 at 50%", 10))
                .to(Ramp.ABORTED, "error-rate failed", at.plusSeconds(5));
        store().save(Map.of("search", ramp));
        Ramp read = store().load().get("search");
        assertThat(read).isEqualTo(ramp);
        assertThat(read.plan().hold().toMillis()).isEqualTo(1500);
        assertThat(read.lastGoodPercent()).isEqualTo(10);
        assertThat(read.finished()).isTrue();
    }

    @Test
    void aDamagedFileIsReportedWithWhatToDo() throws Exception {
        Files.writeString(dir.resolve("ramps.json"), "{not json");
        assertThatThrownBy(() -> store().load()).hasMessageContaining("ramps.json").hasMessageContaining("fix or delete the file");
    }
}
