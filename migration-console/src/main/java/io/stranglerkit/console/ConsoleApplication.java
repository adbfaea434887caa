package io.stranglerkit.console;

import io.stranglerkit.console.config.ConsoleProperties;
import io.stranglerkit.platform.admin.AdminToken;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The migration console: one live page over the running kit. It reads the parts' APIs and owns no data. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    /** The kit's admin token: sent to the proxy's admin API, and what a person enters before changing anything. */
    @Bean
    AdminToken adminToken(ConsoleProperties properties) {
        return AdminToken.configured(properties.adminToken());
    }

    public static void main(String[] args) {
        SpringApplication.run(ConsoleApplication.class, args);
    }
}
