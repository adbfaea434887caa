package io.stranglerkit.search.feed;

import io.stranglerkit.platform.cdc.PoisonEventException;
import io.stranglerkit.platform.cdc.BinlogPosition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LegacyShopTranslationTest {

    private static final String ROW = "{\"id\":42,\"sku\":\"SKU-42\",\"name\":\"Oak chair\",\"description\":\"d\",\"price_cents\":4599,"
            + "\"category_id\":7,\"version\":4,\"updated_at\":\"2026-11-22T21:12:02.117Z\"}";
    private static final String SOURCE = "{\"file\":\"binlog.000015\",\"pos\":48211,\"row\":2,\"snapshot\":\"false\"}";

    @Test
    void readsAnUpdate() {
        ProductChange change = LegacyShopTranslation.product(bytes("{\"before\":null,\"after\":" + ROW + ",\"source\":" + SOURCE
                + ",\"op\":\"u\",\"ts_ms\":1795381922131}"));
        assertThat(change.deleted()).isFalse();
        assertThat(change.doc().name()).isEqualTo("Oak chair");
        assertThat(change.doc().priceCents()).isEqualTo(4599);
        assertThat(change.position()).isEqualTo(new BinlogPosition(15, 48211, 2));
        assertThat(change.emittedAtMs()).isEqualTo(1795381922131L);
    }

    @Test
    void aDeleteCarriesTheRowBeforeAndATombstoneIsNothing() {
        ProductChange change = LegacyShopTranslation.product(bytes("{\"before\":" + ROW + ",\"after\":null,\"source\":" + SOURCE
                + ",\"op\":\"d\",\"ts_ms\":1}"));
        assertThat(change.deleted()).isTrue();
        assertThat(change.id()).isEqualTo(42);
        assertThat(LegacyShopTranslation.product(null)).isNull();
    }

    @Test
    void explainsWhatIsWrongWithAPoisonEvent() {
        assertThatThrownBy(() -> LegacyShopTranslation.product(bytes("not json"))).isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> LegacyShopTranslation.product(bytes("{\"after\":" + ROW.replace("4599", "\"cheap\"") + ",\"source\":"
                + SOURCE + ",\"op\":\"c\"}"))).hasMessageContaining("after.price_cents must be a whole number, got string \"cheap\"");
        assertThatThrownBy(() -> LegacyShopTranslation.product(bytes("{\"after\":{\"id\":2},\"source\":" + SOURCE + ",\"op\":\"c\"}")))
                .hasMessageContaining("after.sku must be a string, got nothing; after.name must be a string");
        assertThatThrownBy(() -> LegacyShopTranslation.product(bytes("{\"after\":" + ROW + ",\"source\":" + SOURCE + ",\"op\":\"x\"}")))
                .hasMessageContaining("op 'x'");
        assertThatThrownBy(() -> LegacyShopTranslation.product(bytes("{\"after\":" + ROW + ",\"op\":\"c\"}")))
                .hasMessageContaining("source.file and source.pos are required");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
