package io.stranglerkit.platform.kafka;

import io.stranglerkit.platform.cdc.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeErrorHandlerTest {

    private final ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("legacy.shop.product", 2, 41L, null, new byte[]{1});

    @Test
    void theDeadLetterSaysWhyAndWhereTheEventCameFrom() {
        Exception thrown = new ListenerExecutionFailedException("listener failed",
                new BatchListenerFailedException("poison at 3", new PoisonEventException("after.sku must be a string, got nothing"), 3));

        Headers headers = ChangeErrorHandler.headers(record, thrown);

        assertThat(text(headers, "dlq.reason")).isEqualTo("after.sku must be a string, got nothing");
        assertThat(text(headers, "dlq.topic")).isEqualTo("legacy.shop.product");
        assertThat(text(headers, "dlq.partition")).isEqualTo("2");
        assertThat(text(headers, "dlq.offset")).isEqualTo("41");
        assertThat(text(headers, "dlq.failed-at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void withoutAPoisonEventTheReasonIsTheInnermostCause() {
        Exception thrown = new IllegalStateException("batch failed", new RuntimeException("Lock wait timeout exceeded"));

        assertThat(ChangeErrorHandler.reason(thrown)).isEqualTo("Lock wait timeout exceeded");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
