package io.stranglerkit.proxy.ramp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RampPlanTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RampPlan parse(String json) throws RampPlan.Invalid {
        return RampPlan.parse(JSON.readTree(json));
    }

    @Test
    void aPlanWithOnlyStepsAndHoldGetsTheDefaults() throws Exception {
        RampPlan plan = parse("{\"route\":\"search\",\"steps\":[10,25,50,100],\"hold\":\"60s\"}");
        assertThat(plan.steps()).containsExactly(10, 25, 50, 100);
        assertThat(plan.hold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(plan.maxErrorRatePercent()).isEqualTo(1);
        assertThat(plan.maxP99Ratio()).isEqualTo(1.5);
        assertThat(plan.maxP99Ms()).isNull();
        assertThat(plan.minParityPercent()).isEqualTo(99.5);
        assertThat(plan.maxLagSeconds()).isEqualTo(1);
        assertThat(plan.minRequests()).isEqualTo(100);
        assertThat(plan.loadPerSecond()).isZero();
        assertThat(plan.toLastGood()).isFalse();
    }

    @Test
    void everyThresholdCanBeGiven() throws Exception {
        RampPlan plan = parse("{\"route\":\"search\",\"steps\":[100],\"hold\":90,\"maxErrorRatePercent\":0.5,\"maxP99Ratio\":2,"
                + "\"maxP99Ms\":250,\"maxFallbacks\":0,\"minParityPercent\":100,\"maxLagSeconds\":0.5,\"minRequests\":20,"
                + "\"loadPerSecond\":20,\"rollbackTo\":\"last-good-step\"}");
        assertThat(plan.hold()).isEqualTo(Duration.ofSeconds(90));
        assertThat(plan.maxP99Ms()).isEqualTo(250);
        assertThat(plan.maxFallbacks()).isZero();
        assertThat(plan.loadPerSecond()).isEqualTo(20);
        assertThat(plan.toLastGood()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"route\":\"search\",\"steps\":[50,25],\"hold\":\"60s\"}|steps|must increase",
        "{\"route\":\"search\",\"steps\":[10,10],\"hold\":\"60s\"}|steps|must increase",
        "{\"route\":\"search\",\"steps\":[0,50],\"hold\":\"60s\"}|steps|from 1 to 100",
        "{\"route\":\"search\",\"steps\":[50,101],\"hold\":\"60s\"}|steps|from 1 to 100",
        "{\"route\":\"search\",\"steps\":[12.5],\"hold\":\"60s\"}|steps|whole numbers",
        "{\"route\":\"search\",\"steps\":[],\"hold\":\"60s\"}|steps|non-empty",
        "{\"route\":\"search\",\"hold\":\"60s\"}|steps|non-empty",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"500ms\"}|hold|at least 1s",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"soon\"}|hold|must be a duration",
        "{\"route\":\"search\",\"steps\":[10]}|hold|is required",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"maxErrorRatePercent\":-1}|maxErrorRatePercent|from 0 to 100",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"maxErrorRatePercent\":\"abc\"}|maxErrorRatePercent|must be a number",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"maxP99Ratio\":-2}|maxP99Ratio|must be a number",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"minParityPercent\":101}|minParityPercent|from 0 to 100",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"minRequests\":0}|minRequests|from 1",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"maxFallbacks\":1.5}|maxFallbacks|whole number",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"loadPerSecond\":100000}|loadPerSecond|from 0 to 500",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"rollbackTo\":\"start\"}|rollbackTo|\"zero\" or \"last-good-step\"",
        "{\"route\":\"search\",\"steps\":[10],\"hold\":\"5s\",\"speed\":3}|speed|not a known field",
        "{\"steps\":[10],\"hold\":\"5s\"}|route|is required",
        "[1,2]|body|must be a JSON object"})
    void badPlansNameTheField(String json, String field, String reason) {
        assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(RampPlan.Invalid.class, e -> {
            assertThat(e.field).isEqualTo(field);
            assertThat(e.reason).contains(reason);
        });
    }

    @Test
    void durationsReadAsPeopleWriteThem() {
        assertThat(RampPlan.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RampPlan.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(RampPlan.duration("1500ms")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RampPlan.duration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(RampPlan.duration("-3s")).isNull();
        assertThat(List.of("1h", "1 h")).map(RampPlan::duration).containsExactly(Duration.ofHours(1), null);
    }
}
