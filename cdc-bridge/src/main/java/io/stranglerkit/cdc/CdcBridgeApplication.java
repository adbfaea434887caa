package io.stranglerkit.cdc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Streams the monolith's row changes from the binlog to Kafka (see README for the topic contract). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class CdcBridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CdcBridgeApplication.class, args);
    }
}
