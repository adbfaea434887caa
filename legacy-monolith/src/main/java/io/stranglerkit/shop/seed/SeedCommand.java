package io.stranglerkit.shop.seed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code java -jar legacy-monolith.jar seed [--products=N] [--random-seed=S]}: seeds and exits,
 * printing progress to standard output. Exit code 0 on success, 2 on bad arguments, 1 on failure.
 */
@Component
@Profile(SeedCommand.PROFILE)
public class SeedCommand implements ApplicationRunner, ExitCodeGenerator {

    public static final String NAME = "seed";
    public static final String PROFILE = "seed";
    private static final Set<String> OPTIONS = Set.of("products", "random-seed");

    private final ShopSeeder seeder;
    private final int defaultProducts;
    private final long defaultRandomSeed;
    private final PrintStream out = System.out;
    private int exitCode;

    public SeedCommand(ShopSeeder seeder,
                       @Value("${shop.seed.products}") int defaultProducts,
                       @Value("${shop.seed.random-seed}") long defaultRandomSeed) {
        this.seeder = seeder;
        this.defaultProducts = defaultProducts;
        this.defaultRandomSeed = defaultRandomSeed;
    }

    @Override
    public void run(ApplicationArguments args) {
        Set<String> unknown = new TreeSet<>(args.getOptionNames());
        unknown.removeAll(OPTIONS);
        // Spring's own --key=value options (e.g. --spring.datasource.url) pass through.
        unknown.removeIf(name -> name.contains("."));
        if (!unknown.isEmpty() || !args.getNonOptionArgs().isEmpty()) {
            fail(2, "unknown argument(s) " + (unknown.isEmpty() ? args.getNonOptionArgs() : unknown)
                    + "; usage: seed [--products=N] [--random-seed=S]");
            return;
        }
        int products;
        long randomSeed;
        try {
            products = Integer.parseInt(option(args, "products", String.valueOf(defaultProducts)));
            randomSeed = Long.parseLong(option(args, "random-seed", String.valueOf(defaultRandomSeed)));
        } catch (NumberFormatException e) {
            fail(2, "--products and --random-seed take whole numbers: " + e.getMessage());
            return;
        }
        if (products < 0 || products > ShopSeeder.MAX_PRODUCTS) {
            fail(2, "--products must be between 0 and " + ShopSeeder.MAX_PRODUCTS + ", got " + products);
            return;
        }
        out.printf(Locale.ROOT, "Seeding the shop: %,d products, %,d customers, random seed %d%n",
                products, ShopSeeder.customerCountFor(products), randomSeed);
        ProgressPrinter printer = new ProgressPrinter(out);
        try {
            ShopSeeder.Report report = seeder.seed(products, randomSeed, printer);
            out.printf(Locale.ROOT, "Seeded: %,d categories, %,d products, %,d customers, %,d orders, %,d order lines"
                            + " inserted in %.1f s (%,.0f rows/s); rows already present were kept.%n",
                    report.categories(), report.products(), report.customers(), report.orders(), report.orderLines(),
                    report.took().toMillis() / 1000.0, report.rowsPerSecond());
        } catch (RuntimeException e) {
            fail(1, "seeding failed: " + e.getMessage());
        }
    }

    private static String option(ApplicationArguments args, String name, String fallback) {
        return args.containsOption(name) && !args.getOptionValues(name).isEmpty() ? args.getOptionValues(name).get(0) : fallback;
    }

    private void fail(int code, String message) {
        System.err.println("seed: " + message);
        exitCode = code;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    /** One line per phase step of 10%, so the output reads well in a log file and a terminal alike. */
    static final class ProgressPrinter implements java.util.function.Consumer<ShopSeeder.Progress> {
        private final PrintStream out;
        private final long started = System.nanoTime();
        private String phase = "";
        private long lastDecile = -1;

        ProgressPrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void accept(ShopSeeder.Progress p) {
            if (!p.phase().equals(phase)) {
                phase = p.phase();
                lastDecile = -1;
            }
            long decile = p.total() == 0 ? 10 : p.done() * 10 / p.total();
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf(Locale.ROOT, "  %-22s %,10d / %,d (%3d%%)  %6.1f s%n", p.phase(), p.done(), p.total(), decile * 10,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }
}
