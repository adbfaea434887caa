package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Topology;
import org.junit.jupiter.api.Test;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WalkthroughStepsTest {

    private final KitSettings settings = KitSettings.from(Map.of("KIT_ROOT", "/repo", "KIT_HOME", Path.of("target", "no-kit").toString()));
    private final List<WalkthroughSteps.Step> steps = steps("en");

    private List<WalkthroughSteps.Step> steps(String language) {
        return new WalkthroughSteps(settings, new Topology(settings), HttpClient.newHttpClient(),
                new PrintStream(PrintStream.nullOutputStream()), Messages.forLanguage(language)).all();
    }

    @Test
    void theCommandAcceptsExactlyTheStepsThereAre() {
        assertThat(steps).hasSize(WalkthroughSteps.COUNT);
    }

    @Test
    void everyStepSaysWhatWhyAndWhichCommand() {
        assertThat(steps).allSatisfy(step -> {
            assertThat(step.title()).isNotBlank();
            assertThat(step.why()).as(step.title()).hasSizeGreaterThan(80);
            assertThat(step.command()).as(step.title()).startsWith("k");
        });
        assertThat(steps.get(2).title()).as("a parallel run before the first canary").contains("parallel run");
        assertThat(steps.get(9).title()).as("the catalog starts at step 10").contains("catalog");
    }

    @Test
    void inKoreanEveryStepHasItsOwnTextsAndTheSameCommands() {
        List<WalkthroughSteps.Step> korean = steps("ko");
        assertThat(korean).hasSameSizeAs(steps);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(korean.get(i).command()).isEqualTo(steps.get(i).command());
            assertThat(korean.get(i).title()).isNotEqualTo(steps.get(i).title()).matches(".*[가-힣].*");
            assertThat(korean.get(i).why()).isNotEqualTo(steps.get(i).why()).matches("(?s).*[가-힣].*");
        }
        assertThat(korean.get(3).title()).contains("카나리 배포");
        assertThat(korean.get(0).why()).contains("스트랭글러 피그 패턴");
    }

    @Test
    void theCatalogStepSaysWhoAppliesItsWritesBack() {
        assertThat(steps.get(9).why()).contains("catalog applies its own changes back to the monolith's");
    }
}
