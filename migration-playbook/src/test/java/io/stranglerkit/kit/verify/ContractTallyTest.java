package io.stranglerkit.kit.verify;

import io.stranglerkit.contract.Violation;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ContractTallyTest {

    @Test
    void countsAnswersPerOperationAndSideAndListsViolationsUpToShow() {
        ContractTally tally = new ContractTally();
        tally.add("GET /api/products/{id}", "monolith", List.of());
        tally.add("GET /api/products/{id}", "catalog-service", List.of());
        Violation price = new Violation("GET /api/products/{id}", "GET /api/products/5 -> 200", "response body /price", "not a string");
        tally.add("GET /api/products/{id}", "catalog-service", List.of(price, price));

        String printed = print(tally, 1);
        assertThat(tally.clean()).isFalse();
        assertThat(printed).containsPattern("GET /api/products/\\{id}\\s+1 ok\\s+-\\s+1 of 2 BROKEN")
                .contains("2 violation(s):", "  GET /api/products/{id}: catalog-service: GET /api/products/5 -> 200: response body /price: not a string",
                        "... and 1 more (--show)");
    }

    @Test
    void aCleanRunSaysHowManyAnswersWereChecked() {
        ContractTally tally = new ContractTally();
        tally.add("GET /api/categories", "monolith", List.of());
        tally.add("GET /api/categories", "catalog-service", List.of());
        assertThat(tally.clean()).isTrue();
        assertThat(print(tally, 20)).contains("Clean: all 2 answers keep the contract.");
    }

    private static String print(ContractTally tally, int show) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tally.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), show);
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
