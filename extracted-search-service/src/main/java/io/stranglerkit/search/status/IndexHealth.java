package io.stranglerkit.search.status;

import io.stranglerkit.search.index.LiveIndex;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code index} in /actuator/health: UP once the search index is complete; OUT_OF_SERVICE while it is
 * built from the read model's tables (searches answer 503 meanwhile), with how far it has come.
 */
@Component("index")
public class IndexHealth implements HealthIndicator {

    private final IndexStatus status;
    private final LiveIndex index;

    public IndexHealth(IndexStatus status, LiveIndex index) {
        this.status = status;
        this.index = index;
    }

    @Override
    public Health health() {
        Health.Builder builder = index.ready().isPresent() ? Health.up() : Health.outOfService();
        return builder.withDetails(status.describe()).build();
    }
}
