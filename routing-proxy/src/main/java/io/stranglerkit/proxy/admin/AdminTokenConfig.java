package io.stranglerkit.proxy.admin;

import io.stranglerkit.platform.admin.AdminToken;
import io.stranglerkit.proxy.ProxyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
}
