package io.stranglerkit.catalog.product;

import java.util.List;

/** {@code {"items": [...], "page": 0, "size": 20, "total": 1234}}; pages count from 0 (the monolith's shape). */
public record PageResponse<T>(List<T> items, int page, int size, long total) {
}
