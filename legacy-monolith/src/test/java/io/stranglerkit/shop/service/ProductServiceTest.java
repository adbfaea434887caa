package io.stranglerkit.shop.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProductServiceTest {

    @Test
    void splitsQueriesIntoDistinctLowercaseTerms() {
        assertThat(ProductService.searchTerms("  Oak  TABLE oak ")).containsExactly("oak", "table");
    }

    @Test
    void rejectsEmptyAndOverlongQueries() {
        assertThatThrownBy(() -> ProductService.searchTerms("   ")).isInstanceOf(InvalidFieldException.class);
        assertThatThrownBy(() -> ProductService.searchTerms("a b c d e f g h i j k"))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("at most 10");
    }
}
