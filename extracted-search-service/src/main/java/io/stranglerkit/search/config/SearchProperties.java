package io.stranglerkit.search.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code search.*} keys of application.yml; each has an environment variable override. */
@ConfigurationProperties("search")
public record SearchProperties(
        String productTopic,
        String categoryTopic,
        String deadLetterTopic,
        String consumerGroup,
        String adminToken) {
}
