package io.stranglerkit.search.feed;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.stranglerkit.platform.kafka.ChangeErrorHandler;
import io.stranglerkit.platform.kafka.ConsumerProgress;
import io.stranglerkit.search.config.SearchProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

import java.util.Optional;

/** The feed's consumer plumbing: its progress, the kit's error policy with its dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class FeedConfig {

    @Bean
    ConsumerProgress feedProgress(MeterRegistry meters) {
        return new ConsumerProgress(ChangeFeed.LISTENER_ID, meters, "search.model.lag.records", "search.feed.errors");
    }

    @Bean
    CommonErrorHandler feedErrorHandler(KafkaTemplate<Object, Object> template, SearchProperties properties,
                                        ConsumerProgress progress, MeterRegistry meters, AppliedOffsets offsets) {
        return ChangeErrorHandler.create(template, topic -> properties.deadLetterTopic(), record -> {
            progress.deadLettered();
            offsets.passed(record); // its offset is committed: a restart must not send it again
            Counter.builder("search.feed.events").tag("topic", record.topic()).tag("outcome", "dead_lettered")
                    .register(meters).increment();
        });
    }

    /**
     * Created at start-up, so its partition has a leader before the first dead letter is sent; replicated as the
     * broker's default says (1 in the kit, 3 on a Strimzi cluster).
     */
    @Bean
    NewTopic deadLetterTopic(SearchProperties properties) {
        return new NewTopic(properties.deadLetterTopic(), Optional.of(1), Optional.empty());
    }
}
