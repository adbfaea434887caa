package io.stranglerkit.shop.model;

public record Category(long id, String name, Long parentId) {
}
