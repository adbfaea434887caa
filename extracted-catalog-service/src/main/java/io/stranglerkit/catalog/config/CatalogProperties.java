package io.stranglerkit.catalog.config;

import io.stranglerkit.catalog.sync.Side;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code catalog.*} keys of application.yml; each has an environment variable override. */
@ConfigurationProperties("catalog")
public record CatalogProperties(
        String productTopic,
        String categoryTopic,
        String orderLineTopic,
        String deadLetterTopic,
        Side tieWinner,
        String adminToken,
        ReverseSync reverseSync) {

    /**
     * The catalog's product changes applied back to the monolith's {@code product} table.
     *
     * @param topic       the cdc-bridge's topic of the catalog's {@code product} table
     * @param shopUrl     JDBC URL of the monolith's schema; its account may touch {@code product} only
     */
    public record ReverseSync(boolean enabled, String topic, String deadLetterTopic, String consumerGroup,
                              String consumerInstanceId, String shopUrl, String shopUsername, String shopPassword) {
    }
}
