package io.stranglerkit.shop;

import io.stranglerkit.shop.seed.SeedCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;

import java.util.Arrays;

/**
 * The legacy shop. {@code java -jar legacy-monolith.jar} serves the web shop;
 * {@code java -jar legacy-monolith.jar seed [--products=N] [--random-seed=S]} fills the database
 * with deterministic demo data and exits.
 */
@SpringBootApplication
public class ShopApplication {

    public static void main(String[] args) {
        if (args.length > 0 && SeedCommand.NAME.equals(args[0])) {
            SpringApplication app = new SpringApplication(ShopApplication.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            app.setAdditionalProfiles(SeedCommand.PROFILE);
            app.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
            System.exit(SpringApplication.exit(app.run(Arrays.copyOfRange(args, 1, args.length))));
        }
        SpringApplication.run(ShopApplication.class, args);
    }
}
