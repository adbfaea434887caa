package io.stranglerkit.split;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A gateway application that knows nothing of the kit: it only depends on strangler-split and writes YAML. */
@SpringBootApplication
public class AnyGatewayApplication {
}
