package io.stranglerkit.split.parallel;

/**
 * One place where two answers differ.
 *
 * @param path    a JSON path with array indexes normalised ({@code $.items[*].price}), or {@code (status)}
 *                and {@code (content-type)} for the answer's head
 * @param primary the primary side's value there, as JSON text ({@code (absent)} when it has none)
 * @param shadow  the shadow side's value there
 */
public record Difference(String path, String primary, String shadow) {

    public static final String STATUS = "(status)";
    public static final String CONTENT_TYPE = "(content-type)";
    public static final String ABSENT = "(absent)";
}
