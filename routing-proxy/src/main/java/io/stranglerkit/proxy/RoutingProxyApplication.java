package io.stranglerkit.proxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RoutingProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(RoutingProxyApplication.class, args);
    }
}
