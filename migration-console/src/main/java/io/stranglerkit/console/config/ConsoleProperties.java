package io.stranglerkit.console.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where the kit's parts answer (the same environment keys the proxy and compose use) and how often
 * the console reads them.
 *
 * @param proxyAdminUrls      every proxy replica's admin API (totals and audit are per replica)
 * @param proxyManagementUrls every proxy replica's actuator (health)
 * @param mariadb             host:port; the console only checks that it accepts connections
 * @param kafka               bootstrap host:port list; checked the same way
 * @param tracing             whether the parts trace; then Zipkin is a part too
 * @param zipkinEndpoint      where the parts send spans ({@code .../api/v2/spans}); its {@code /health} is checked
 * @param verifyCommand       the command that runs {@code kit verify TARGET}; empty hides the button's action
 */
@ConfigurationProperties("console")
public record ConsoleProperties(List<URI> proxyAdminUrls, List<URI> proxyManagementUrls, URI monolithUrl, URI searchUrl,
                                URI catalogUrl, URI cdcBridgeUrl, String mariadb, String kafka, boolean tracing, URI zipkinEndpoint, String adminToken,
                                Duration pollInterval, Duration partTimeout, List<String> verifyCommand) {

    public ConsoleProperties {
        verifyCommand = verifyCommand == null ? List.of() : verifyCommand.stream().filter(s -> !s.isBlank()).toList();
    }
}
