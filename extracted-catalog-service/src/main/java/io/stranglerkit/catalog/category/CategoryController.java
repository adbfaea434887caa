package io.stranglerkit.catalog.category;

import io.stranglerkit.catalog.web.NotFoundException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Categories are read here and written in the monolith (the catalog keeps a copy fed by the change
 * stream), so this is a read-only view; one query each, hence no separate repository.
 */
@RestController
@RequestMapping("/api/categories")
public class CategoryController {

    private static final RowMapper<Category> CATEGORY = (rs, i) -> new Category(
            rs.getLong("id"), rs.getString("name"), rs.getObject("parent_id", Long.class));

    private final JdbcClient jdbc;

    public CategoryController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping
    public List<Category> all() {
        return jdbc.sql("SELECT id, name, parent_id FROM category WHERE NOT deleted ORDER BY id").query(CATEGORY).list();
    }

    @GetMapping("/{id}")
    public Category get(@PathVariable long id) {
        return jdbc.sql("SELECT id, name, parent_id FROM category WHERE id = ? AND NOT deleted").param(id)
                .query(CATEGORY).optional().orElseThrow(() -> new NotFoundException("category", id));
    }
}
