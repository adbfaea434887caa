package io.stranglerkit.catalog.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.platform.kafka.ChangeErrorHandler;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

/** Both directions' consumer plumbing: progress and outcomes per direction, one error policy, the dead-letter topics. */
@Configuration(proxyBeanMethods = false)
class SyncConfig {

    @Bean
    ConsumerProgress forwardProgress(MeterRegistry meters) {
        return new ConsumerProgress(ForwardSync.LISTENER_ID, meters, "catalog.sync.lag.records", "catalog.sync.errors",
                Tags.of("direction", "forward"));
    }

    @Bean
    ConsumerProgress reverseProgress(MeterRegistry meters) {
        return new ConsumerProgress(ReverseSync.LISTENER_ID, meters, "catalog.sync.lag.records", "catalog.sync.errors",
                Tags.of("direction", "reverse"));
    }

    @Bean
    SyncOutcomes forwardOutcomes(MeterRegistry meters) {
        return new SyncOutcomes("forward", meters);
    }

    @Bean
    SyncOutcomes reverseOutcomes(MeterRegistry meters) {
        return new SyncOutcomes("reverse", meters);
    }

    @Bean
    CommonErrorHandler syncErrorHandler(KafkaTemplate<Object, Object> template, CatalogProperties properties,
                                        ConsumerProgress forwardProgress, ConsumerProgress reverseProgress) {
        String reverseTopic = properties.reverseSync().topic();
        return ChangeErrorHandler.create(template,
                topic -> topic.equals(reverseTopic) ? properties.reverseSync().deadLetterTopic() : properties.deadLetterTopic(),
                record -> (record.topic().equals(reverseTopic) ? reverseProgress : forwardProgress).deadLettered());
    }

    /** Created at start-up, so their partitions have leaders before the first dead letter is sent. */
    @Bean
    NewTopic forwardDeadLetterTopic(CatalogProperties properties) {
        return new NewTopic(properties.deadLetterTopic(), 1, (short) 1);
    }

    @Bean
    NewTopic reverseDeadLetterTopic(CatalogProperties properties) {
        return new NewTopic(properties.reverseSync().deadLetterTopic(), 1, (short) 1);
    }
}
