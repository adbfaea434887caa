package io.stranglerkit.split.parallel;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerDiffTest {

    @Test
    void theSameJsonInAnotherFieldOrderIsIdentical() {
        assertThat(diff("{\"a\":1,\"b\":[1,2]}", "{\"b\":[1,2],\"a\":1}")).isEmpty();
    }

    @Test
    void arrayIndexesAreNormalisedAndEachPathIsReportedOnceWithItsFirstExample() {
        List<Difference> d = diff("{\"items\":[{\"id\":1,\"price\":\"1.00\"},{\"id\":2,\"price\":\"2.00\"}],\"total\":2}",
                "{\"items\":[{\"id\":1,\"price\":\"1.50\"},{\"id\":2,\"price\":\"2.50\"}],\"total\":2}");
        assertThat(d).containsExactly(new Difference("$.items[*].price", "\"1.00\"", "\"1.50\""));
    }

    @Test
    void missingFieldsAndArraysOfAnotherLengthAreNamed() {
        List<Difference> d = diff("{\"items\":[1,2,3],\"page\":0}", "{\"items\":[1,2],\"size\":20}");
        assertThat(d).containsExactly(
                new Difference("$.items", "3 items", "2 items"),
                new Difference("$.page", "0", Difference.ABSENT),
                new Difference("$.size", Difference.ABSENT, "20"));
    }

    @Test
    void aNumberIsNotTheStringOfIt() {
        assertThat(diff("{\"price\":\"9.99\"}", "{\"price\":9.99}")).extracting(Difference::path).containsExactly("$.price");
    }

    @Test
    void anotherStatusEndsTheComparison() {
        Answer ok = answer(200, "application/json", "{\"a\":1}");
        Answer missing = answer(404, "application/problem+json", "{\"title\":\"Not Found\"}");
        assertThat(AnswerDiff.between(ok, missing)).containsExactly(new Difference(Difference.STATUS, "200", "404"));
    }

    @Test
    void contentTypesCompareAsMediaTypesAndOtherBodiesByteForByte() {
        assertThat(AnswerDiff.between(answer(200, "application/json;charset=UTF-8", "{}"),
                answer(200, "application/json;charset=utf-8", "{}"))).isEmpty();
        assertThat(AnswerDiff.between(answer(200, "text/plain", "a"), answer(200, "application/json", "\"a\"")))
                .extracting(Difference::path).containsExactly(Difference.CONTENT_TYPE, "$");
        assertThat(AnswerDiff.between(answer(200, "text/plain", "a"), answer(200, "text/plain", "a"))).isEmpty();
    }

    private static List<Difference> diff(String primary, String shadow) {
        return AnswerDiff.between(answer(200, "application/json", primary), answer(200, "application/json", shadow));
    }

    private static Answer answer(int status, String contentType, String body) {
        return new Answer("side", status, contentType, body.getBytes(StandardCharsets.UTF_8), false);
    }
}
