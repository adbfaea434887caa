package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.PageResult;

import java.util.List;
import java.util.function.Function;

/** {@code {"items": [...], "page": 0, "size": 20, "total": 1234}}; pages count from 0. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    public static <S, T> PageResponse<T> from(PageResult<S> result, Function<S, T> mapper) {
        PageResult<T> mapped = result.map(mapper);
        return new PageResponse<>(mapped.items(), mapped.page(), mapped.size(), mapped.total());
    }
}
