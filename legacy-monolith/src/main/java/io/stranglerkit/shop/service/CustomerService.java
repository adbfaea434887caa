package io.stranglerkit.shop.service;

import io.stranglerkit.shop.model.Customer;
import io.stranglerkit.shop.repository.CustomerRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Locale;

@Service
public class CustomerService {

    private final CustomerRepository customers;

    public CustomerService(CustomerRepository customers) {
        this.customers = customers;
    }

    public Customer get(long id) {
        return customers.findById(id).orElseThrow(() -> new NotFoundException("customer", id));
    }

    @Transactional
    public Customer create(String email, String name) {
        String normalised = email.trim().toLowerCase(Locale.ROOT);
        try {
            return get(customers.insert(normalised, name));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("email", "a customer with email '" + normalised + "' already exists");
        }
    }
}
