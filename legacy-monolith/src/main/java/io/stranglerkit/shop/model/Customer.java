package io.stranglerkit.shop.model;

public record Customer(long id, String email, String name) {
}
