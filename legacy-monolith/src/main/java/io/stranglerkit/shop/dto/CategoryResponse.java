package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.Category;

public record CategoryResponse(long id, String name, Long parentId) {

    public static CategoryResponse from(Category c) {
        return new CategoryResponse(c.id(), c.name(), c.parentId());
    }
}
