package io.stranglerkit.platform.problem;

/** One entry of a problem's {@code errors[]}: which field (or header, or parameter) and why. */
public record FieldProblem(String field, String reason) {
}
