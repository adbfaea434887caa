package io.stranglerkit.proxy.admin;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.split.RouteOverride;
import io.stranglerkit.split.StranglerSplitProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import java.nio.file.Path;

/** The admin token: {@code KIT_ADMIN_TOKEN} when set, else one generated at first start into the data dir. */
@Configuration(proxyBeanMethods = false)
class AdminTokenConfig {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenConfig.class);

    @Bean
    AdminToken adminToken(ProxyProperties properties) {
        String configured = properties.admin().token();
        Path file = properties.dataDir().resolve("admin-token").toAbsolutePath();
        log.info("admin token: {}", configured != null && !configured.isBlank() ? "from KIT_ADMIN_TOKEN" : "in " + file);
        return AdminToken.configuredOrGeneratedIn(configured, file);
    }

    /** X-Route-To is for admin-token holders, or for anyone when strangler.split.allow-route-override is on (testers). */
    @Bean
    RouteOverride adminTokenHolders(AdminToken token, StranglerSplitProperties split) {
        boolean everyone = split.allowRouteOverride();
        return request -> everyone || token.accepts(request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
    }
}
