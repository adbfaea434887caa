package io.stranglerkit.search.web;

import java.util.List;

/** Bad input the annotations cannot express; each entry becomes one {@code {"field", "reason"}}. */
public class BadParameterException extends RuntimeException {

    public record Problem(String field, String reason) {
    }

    private final List<Problem> problems;

    public BadParameterException(String field, String reason) {
        this(List.of(new Problem(field, reason)));
    }

    public BadParameterException(List<Problem> problems) {
        super(problems.toString());
        this.problems = problems;
    }

    public List<Problem> problems() {
        return problems;
    }
}
