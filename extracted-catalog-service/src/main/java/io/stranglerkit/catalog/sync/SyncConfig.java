package io.stranglerkit.catalog.sync;

import io.micrometer.core.instrument.MeterRegistry;
import io.stranglerkit.catalog.config.CatalogProperties;
import io.stranglerkit.platform.kafka.ChangeErrorHandler;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

import java.util.Optional;

/** Both directions' consumer plumbing: one {@link SyncDirection} each, one error policy, the dead-letter topics. */
@Configuration(proxyBeanMethods = false)
class SyncConfig {

    @Bean
    SyncDirection forward(MeterRegistry meters) {
        return new SyncDirection("forward", ForwardSync.LISTENER_ID, meters);
    }

    @Bean
    SyncDirection reverse(MeterRegistry meters) {
        return new SyncDirection("reverse", ReverseSync.LISTENER_ID, meters);
    }

    @Bean
    CommonErrorHandler syncErrorHandler(KafkaTemplate<Object, Object> template, CatalogProperties properties,
                                        SyncDirection forward, SyncDirection reverse) {
        String reverseTopic = properties.reverseSync().topic();
        return ChangeErrorHandler.create(template,
                topic -> topic.equals(reverseTopic) ? properties.reverseSync().deadLetterTopic() : properties.deadLetterTopic(),
                record -> (record.topic().equals(reverseTopic) ? reverse : forward).progress().deadLettered());
    }

    /**
     * Created at start-up, so their partitions have leaders before the first dead letter is sent; replicated as
     * the broker's default says (1 in the kit, 3 on a Strimzi cluster).
     */
    @Bean
    NewTopic forwardDeadLetterTopic(CatalogProperties properties) {
        return new NewTopic(properties.deadLetterTopic(), Optional.of(1), Optional.empty());
    }

    @Bean
    NewTopic reverseDeadLetterTopic(CatalogProperties properties) {
        return new NewTopic(properties.reverseSync().deadLetterTopic(), Optional.of(1), Optional.empty());
    }
}
