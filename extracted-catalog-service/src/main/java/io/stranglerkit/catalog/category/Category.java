package io.stranglerkit.catalog.category;

/** The monolith's category JSON: {@code {"id", "name", "parentId"}}. */
public record Category(long id, String name, Long parentId) {
}
