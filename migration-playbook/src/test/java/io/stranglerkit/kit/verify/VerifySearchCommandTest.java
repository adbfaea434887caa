package io.stranglerkit.kit.verify;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VerifySearchCommandTest {

    @Test
    void namesEveryFieldThatDiffersWithBothValues() {
        List<String> monolith = List.of("SKU-1", "Oak chair", "d", "4599", "7", "Office", "3");
        List<String> service = Arrays.asList("SKU-1", "Oak chair", "d", "4999", "7", null, "3");
        assertThat(new VerifySearchCommand().fieldsThatDiffer(monolith, service))
                .isEqualTo("price_cents: monolith '4599', service '4999'; category: monolith 'Office', service null");
    }

    @Test
    void shortensLongValues() {
        List<String> monolith = List.of("S", "n", "x".repeat(100), "1", "1", "c", "0");
        List<String> service = List.of("S", "n", "y", "1", "1", "c", "0");
        assertThat(new VerifySearchCommand().fieldsThatDiffer(monolith, service))
                .isEqualTo("description: monolith '" + "x".repeat(57) + "...', service 'y'");
    }
}
