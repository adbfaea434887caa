package io.stranglerkit.kit.ramp;

import io.stranglerkit.kit.KitException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RampCommandTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RampCommand parse(String... args) {
        RampCommand command = new RampCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theOptionsBecomeThePlanTheProxyChecks() {
        JsonNode plan = parse("search", "--steps", "10,25, 50,100", "--hold", "60s", "--max-error-rate", "0.5%", "--max-p99-ratio", "2",
                "--max-p99", "250ms", "--max-fallbacks", "0", "--min-parity", "99.9%", "--max-lag", "500ms", "--min-requests", "50",
                "--load", "20/s", "--rollback-to", "last-good-step").plan();
        assertThat(plan.toString()).isEqualTo("{\"route\":\"search\",\"steps\":[10,25,50,100],\"hold\":\"60s\",\"maxErrorRatePercent\":0.5,"
                + "\"maxP99Ratio\":2.0,\"maxP99Ms\":250.0,\"maxFallbacks\":0,\"minParityPercent\":99.9,\"maxLagSeconds\":0.5,"
                + "\"minRequests\":50,\"loadPerSecond\":20,\"rollbackTo\":\"last-good-step\"}");
        assertThat(parse("search", "--steps", "100", "--hold", "5s").plan().toString())
                .as("the proxy fills in the defaults").isEqualTo("{\"route\":\"search\",\"steps\":[100],\"hold\":\"5s\"}");
    }

    @Test
    void badOptionsExitTwoWithTheReasonBeforeAnythingIsSent() {
        assertThatThrownBy(() -> parse("search", "--hold", "60s").plan()).isInstanceOfSatisfying(KitException.class,
                e -> assertThat(e.exitCode()).isEqualTo(2)).hasMessageContaining("--steps and --hold");
        assertThatThrownBy(() -> parse("search", "--steps", "10,x", "--hold", "60s").plan()).hasMessageContaining("--steps must be a whole number");
        assertThatThrownBy(() -> parse("search", "--steps", "10", "--hold", "60s", "--max-error-rate", "lots").plan())
                .hasMessageContaining("--max-error-rate must be a number");
        assertThatThrownBy(() -> parse("search", "--steps", "10", "--hold", "60s", "--max-p99-ratio", "NaN").plan())
                .hasMessageContaining("--max-p99-ratio must be a number");
        assertThatThrownBy(() -> parse("search", "--steps", "10", "--hold", "60s", "--load", "fast").plan())
                .hasMessageContaining("--load must be a whole number");
    }

    @Test
    void aRampReadsAsItsStateItsChecksAndWhyItRolledBack() {
        JsonNode ramp = JSON.readTree("""
                {"route":"search","state":"aborted","reason":"error-rate failed: 7% (7 of 100), at most 1%; search moved to 0%",
                 "step":2,"of":3,"percent":50,"routePercent":0,
                 "rollback":{"check":"error-rate","measured":7.0,"value":"7% (7 of 100)","threshold":"at most 1%",
                   "window":"4 s of step 2 at 50%","toPercent":0},
                 "plan":{"steps":[10,50,100],"holdSeconds":60.0,"minRequests":100,"loadPerSecond":20},
                 "steps":[{"percent":10,"startedAt":"t0","verdict":"passed","checks":[]},
                          {"percent":50,"startedAt":"t1","verdict":"failed","checks":[
                            {"check":"error-rate","verdict":"fail","measured":7.0,"value":"7% (7 of 100)","threshold":"at most 1%"}]}],
                 "history":[{"at":"t0","from":"running","to":"running","why":"started by kit CLI"},
                            {"at":"t2","from":"running","to":"aborted","why":"error-rate failed"}]}""");
        assertThat(RampView.summary(ramp)).isEqualTo("search: aborted, step 2 of 3 at 50% (route at 0%)\n"
                + "  error-rate failed: 7% (7 of 100), at most 1%; search moved to 0%");
        String details = RampView.details(ramp);
        assertThat(details).contains("plan: steps [10,50,100], hold 60.0 s, min 100 requests per step, load 20/s")
                .contains("step at  10%: passed").contains("step at  50%: failed")
                .containsPattern("error-rate\\s+fail\\s+7% \\(7 of 100\\)\\s+at most 1%")
                .contains("rolled back on error-rate: 7% (7 of 100), at most 1% (after 4 s of step 2 at 50%), route moved to 0%")
                .contains("t2 running -> aborted: error-rate failed");
    }
}
