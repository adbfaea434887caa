package io.stranglerkit.search.model;

public record Category(long id, String name) {
}
