package io.stranglerkit.shop.repository;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProductRepositoryTest {

    @Test
    void escapesLikeWildcards() {
        assertThat(ProductRepository.escapeLike("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
        assertThat(ProductRepository.escapeLike("plain")).isEqualTo("plain");
    }
}
