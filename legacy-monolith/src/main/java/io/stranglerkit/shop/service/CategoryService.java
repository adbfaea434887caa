package io.stranglerkit.shop.service;

import io.stranglerkit.shop.model.Category;
import io.stranglerkit.shop.repository.CategoryRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

@Service
public class CategoryService {

    private final CategoryRepository categories;

    public CategoryService(CategoryRepository categories) {
        this.categories = categories;
    }

    public List<Category> all() {
        return categories.findAll();
    }

    public Category get(long id) {
        return categories.findById(id).orElseThrow(() -> new NotFoundException("category", id));
    }

    @Transactional
    public Category create(String name, Long parentId) {
        if (parentId != null) {
            requireParent(parentId);
        }
        return get(categories.insert(name, parentId));
    }

    @Transactional
    public Category update(long id, String name, Long parentId) {
        get(id);
        if (parentId != null) {
            requireParent(parentId);
            requireNoCycle(id, parentId);
        }
        categories.update(id, name, parentId);
        return get(id);
    }

    @Transactional
    public void delete(long id) {
        get(id);
        long children = categories.countChildren(id);
        if (children > 0) {
            throw new ConflictException("id", "category " + id + " has " + children + " subcategories; move or delete them first");
        }
        long products = categories.countProducts(id);
        if (products > 0) {
            throw new ConflictException("id", "category " + id + " still has " + products + " products; move or delete them first");
        }
        categories.delete(id);
    }

    private void requireParent(long parentId) {
        if (!categories.exists(parentId)) {
            throw new InvalidFieldException("parentId", "category " + parentId + " does not exist");
        }
    }

    /** Walks up from the new parent: meeting the category itself means the tree would loop. */
    private void requireNoCycle(long id, long parentId) {
        Set<Long> seen = new HashSet<>();
        Long current = parentId;
        while (current != null && seen.add(current)) {
            if (current == id) {
                throw new InvalidFieldException("parentId", "category " + parentId + " is " + id
                        + " itself or one of its subcategories; the tree would loop");
            }
            current = categories.findById(current).map(Category::parentId).orElse(null);
        }
    }
}
