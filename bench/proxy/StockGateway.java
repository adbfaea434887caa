package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Spring Cloud Gateway as it comes: one route from the command line, default filters, none of the
 * routing proxy's code. bench/proxy.sh runs it on the routing proxy's own libraries, so the two
 * differ only by what the routing proxy adds (split, stickiness, breaker, stats, correlation id).
 */
@SpringBootApplication
public class StockGateway {

    public static void main(String[] args) {
        SpringApplication.run(StockGateway.class, args);
    }
}
