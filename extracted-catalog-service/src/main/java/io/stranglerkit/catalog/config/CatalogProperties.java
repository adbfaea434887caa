package io.stranglerkit.catalog.config;

import io.stranglerkit.catalog.sync.Side;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code catalog.*} keys of application.yml; each has an environment variable override. */
@ConfigurationProperties("catalog")
public record CatalogProperties(
        String kafkaBootstrapServers,
        String productTopic,
        String categoryTopic,
        String orderLineTopic,
        String deadLetterTopic,
        String consumerGroup,
        String consumerInstanceId,
        Side tieWinner,
        String adminToken) {
}
