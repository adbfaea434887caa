package io.stranglerkit.platform.cdc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinlogPositionTest {

    @Test
    void ordersByFileNumberThenPositionThenRow() {
        assertThat(new BinlogPosition(2, 4, 0)).isGreaterThan(new BinlogPosition(1, 900, 9));
        assertThat(new BinlogPosition(1, 5, 0)).isGreaterThan(new BinlogPosition(1, 4, 9));
        assertThat(new BinlogPosition(1, 4, 1)).isGreaterThan(new BinlogPosition(1, 4, 0));
        assertThat(new BinlogPosition(1, 4, 1).isAtLeast(new BinlogPosition(1, 4, 1))).isTrue();
        assertThat(new BinlogPosition(1, 4, 1).isAtLeast(null)).isTrue();
    }

    @Test
    void fileNamesCompareByTheirNumberNotAsText() {
        assertThat(BinlogPosition.of("binlog.1000000", 4, 0)).isGreaterThan(BinlogPosition.of("binlog.999999", 900, 0));
        assertThat(BinlogPosition.of("mysql-bin.000123", 7, 1)).isEqualTo(new BinlogPosition(123, 7, 1));
        assertThatThrownBy(() -> BinlogPosition.of("binlog", 4, 0)).hasMessageContaining("has no number suffix");
        assertThatThrownBy(() -> BinlogPosition.of("binlog.x1", 4, 0)).hasMessageContaining("has no number suffix");
    }
}
