package io.stranglerkit.shop.dto;

import io.stranglerkit.shop.model.Customer;

public record CustomerResponse(long id, String email, String name) {

    public static CustomerResponse from(Customer c) {
        return new CustomerResponse(c.id(), c.email(), c.name());
    }
}
