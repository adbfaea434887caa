package io.stranglerkit.catalog.sync;

import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.cdc.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyShopTranslationTest {

    private static byte[] envelope(String op, String row, String snapshot) {
        String side = op.equals("d") ? "\"before\":" + row + ",\"after\":null" : "\"before\":null,\"after\":" + row;
        return ("{" + side + ",\"op\":\"" + op + "\",\"ts_ms\":1795381922131,"
                + "\"source\":{\"file\":\"binlog.000015\",\"pos\":48211,\"row\":2,\"snapshot\":\"" + snapshot + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static final String ROW = """
            {"id":42,"sku":"SKU-42","name":"Oak chair","description":"solid","price_cents":4599,"category_id":7,
             "version":4,"updated_at":"2026-11-22T21:12:02.117Z"}""";

    @Test
    void centsBecomeADecimalPriceAndTheBinlogCoordinatesAPosition() {
        ShopChange.Product change = LegacyShopTranslation.product(envelope("u", ROW, "false"));
        assertThat(change.state()).isEqualTo(new ProductState(42, "SKU-42", "Oak chair", "solid", new BigDecimal("45.99"), 7, 4,
                Instant.parse("2026-11-22T21:12:02.117Z")));
        assertThat(change.deleted()).isFalse();
        assertThat(change.position()).isEqualTo(BinlogPosition.of("binlog.000015", 48211, 2));
        assertThat(change.duringInitialSnapshot()).isFalse();
    }

    @Test
    void aDeleteCarriesTheRowAsItWasAndSnapshotReadsAreMarked() {
        assertThat(LegacyShopTranslation.product(envelope("d", ROW, "false")).deleted()).isTrue();
        assertThat(LegacyShopTranslation.product(envelope("r", ROW, "true")).duringInitialSnapshot()).isTrue();
        assertThat(LegacyShopTranslation.product(envelope("r", ROW, "last_in_data_collection")).duringInitialSnapshot()).isFalse();
        assertThat(LegacyShopTranslation.product(null)).isNull();
    }

    @Test
    void everyProblemOfABadRowIsNamedAtOnce() {
        String bad = """
                {"id":"x","sku":"S","name":"n","description":"d","price_cents":1,"category_id":1,"version":0,"updated_at":"yesterday"}""";
        assertThatThrownBy(() -> LegacyShopTranslation.product(envelope("c", bad, "false")))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("after.id must be a whole number")
                .hasMessageContaining("after.updated_at must be an ISO-8601 instant");
        assertThatThrownBy(() -> LegacyShopTranslation.product("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonEventException.class).hasMessageStartingWith("value is not JSON");
    }
}
