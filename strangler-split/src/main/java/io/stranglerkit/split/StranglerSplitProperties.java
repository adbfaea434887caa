package io.stranglerkit.split;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code strangler.split.*}: what applies to every split route.
 *
 * @param serviceTimeout      how long a service may take to its response headers before the call counts
 *                            as failed (a read then goes to the monolith)
 * @param allowRouteOverride  lets any caller force a side with {@code X-Route-To} (testers); see {@link RouteOverride}
 */
@ConfigurationProperties("strangler.split")
public record StranglerSplitProperties(Duration serviceTimeout, boolean allowRouteOverride) {

    public StranglerSplitProperties {
        serviceTimeout = serviceTimeout == null ? Duration.ofSeconds(2) : serviceTimeout;
    }
}
