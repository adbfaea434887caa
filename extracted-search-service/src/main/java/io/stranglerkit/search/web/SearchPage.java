package io.stranglerkit.search.web;

import java.util.List;

/** {@code {"items": [...], "page": 0, "size": 20, "total": 1234}}, as the monolith pages. */
public record SearchPage(List<SearchItem> items, int page, int size, long total) {
}
