package io.stranglerkit.shop.repository;

import io.stranglerkit.shop.model.Customer;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.Optional;

@Repository
public class CustomerRepository {

    private static final RowMapper<Customer> CUSTOMER = (rs, i) -> new Customer(
            rs.getLong("id"), rs.getString("email"), rs.getString("name"));

    private final JdbcClient jdbc;

    public CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Customer> findById(long id) {
        return jdbc.sql("SELECT id, email, name FROM customer WHERE id = ?").param(id).query(CUSTOMER).optional();
    }

    public long insert(String email, String name) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customer (email, name) VALUES (?, ?)").params(email, name).update(key);
        return key.getKeyAs(Number.class).longValue();
    }
}
