package io.stranglerkit.shop.repository;

import io.stranglerkit.shop.model.Category;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class CategoryRepository {

    private static final RowMapper<Category> CATEGORY = (rs, i) -> new Category(
            rs.getLong("id"), rs.getString("name"), rs.getObject("parent_id", Long.class));

    private final JdbcClient jdbc;

    public CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Category> findAll() {
        return jdbc.sql("SELECT id, name, parent_id FROM category ORDER BY id").query(CATEGORY).list();
    }

    public Optional<Category> findById(long id) {
        return jdbc.sql("SELECT id, name, parent_id FROM category WHERE id = ?").param(id).query(CATEGORY).optional();
    }

    public boolean exists(long id) {
        return findById(id).isPresent();
    }

    public long insert(String name, Long parentId) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO category (name, parent_id) VALUES (?, ?)").params(name, parentId).update(key);
        return key.getKeyAs(Number.class).longValue();
    }

    public boolean update(long id, String name, Long parentId) {
        return jdbc.sql("UPDATE category SET name = ?, parent_id = ? WHERE id = ?").params(name, parentId, id).update() == 1;
    }

    public boolean delete(long id) {
        return jdbc.sql("DELETE FROM category WHERE id = ?").param(id).update() == 1;
    }

    public long countChildren(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM category WHERE parent_id = ?").param(id).query(Long.class).single();
    }

    public long countProducts(long id) {
        return jdbc.sql("SELECT COUNT(*) FROM product WHERE category_id = ?").param(id).query(Long.class).single();
    }
}
