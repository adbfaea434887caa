package io.stranglerkit.platform.kafka;

import io.stranglerkit.platform.cdc.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;

/**
 * The one error policy of the kit's change consumers, as a spring-kafka {@link DefaultErrorHandler}:
 * <ul>
 *   <li>a batch that fails (database down, lock timeout) is retried from the same records with
 *       exponential back-off from 0.5 s up to 30 s, for as long as it takes: nothing is skipped;</li>
 *   <li>a listener that meets a {@link PoisonEventException} applies the records before it and throws
 *       {@code BatchListenerFailedException} with its index: that record goes at once (no retry can
 *       help) to the dead-letter topic, the offsets up to it are committed, and the rest is read again.</li>
 * </ul>
 * A dead letter keeps the original key and value; its headers say why and where it came from
 * ({@code dlq.reason}, {@code dlq.topic}, {@code dlq.partition}, {@code dlq.offset}, {@code dlq.failed-at})
 * next to spring-kafka's own {@code kafka_dlt-*} headers. The send is acknowledged before the offset
 * moves past the event, so a poison event is never simply lost.
 */
public final class ChangeErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ChangeErrorHandler.class);

    private ChangeErrorHandler() {
    }

    /**
     * @param deadLetterTopic for a record's topic, the dead-letter topic its poison events go to
     * @param onDeadLettered  told after each dead letter was written, e.g. to count it per consumer
     */
    public static DefaultErrorHandler create(KafkaOperations<?, ?> template, Function<String, String> deadLetterTopic,
                                             java.util.function.Consumer<ConsumerRecord<?, ?>> onDeadLettered) {
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(deadLetterTopic.apply(record.topic()), -1));
        publisher.excludeHeader(HeadersToAdd.EX_STACKTRACE); // the reason says what to fix; the trace is in the log
        publisher.setHeadersFunction(ChangeErrorHandler::headers);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            publisher.accept(record, e);
            log.warn("dead-lettered {}-{}@{} to {}: {}", record.topic(), record.partition(), record.offset(),
                    deadLetterTopic.apply(record.topic()), reason(e));
            onDeadLettered.accept(record);
        }, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return handler;
    }

    static Headers headers(ConsumerRecord<?, ?> record, Exception e) {
        return new RecordHeaders()
                .add("dlq.reason", utf8(reason(e)))
                .add("dlq.topic", utf8(record.topic()))
                .add("dlq.partition", utf8(String.valueOf(record.partition())))
                .add("dlq.offset", utf8(String.valueOf(record.offset())))
                .add("dlq.failed-at", utf8(Instant.now().toString()));
    }

    /** The poison event's own reason when there is one, else the innermost cause's message. */
    static String reason(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return t.getMessage();
            }
            innermost = t;
        }
        return String.valueOf(innermost.getMessage());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
