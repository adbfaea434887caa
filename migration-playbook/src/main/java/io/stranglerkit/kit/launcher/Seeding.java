package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Runs the monolith's seed command once per product count, showing its progress lines. */
final class Seeding {

    private final KitSettings settings;
    private final Part monolith;
    private final PrintWriter out;

    Seeding(KitSettings settings, Part monolith, PrintWriter out) {
        this.settings = settings;
        this.monolith = monolith;
        this.out = out;
    }

    /** Seeds on first start, or up to a newly requested count; returns how many products were seeded now (0: none). */
    int seedIfNeeded(Integer requested) {
        Path marker = settings.home().resolve("seeded.properties");
        Properties seeded = new Properties();
        try {
            if (Files.exists(marker)) {
                try (var reader = Files.newBufferedReader(marker)) {
                    seeded.load(reader);
                }
            }
            String before = seeded.getProperty("products");
            if (before != null && (requested == null || before.equals(String.valueOf(requested)))) {
                out.printf(Locale.ROOT, "      seed: %,d products already seeded%n", Long.parseLong(before));
                return 0;
            }
            int products = requested == null ? UpCommand.DEFAULT_PRODUCTS : requested;
            out.printf(Locale.ROOT, "      seed: seeding %,d products (%s)%n", products,
                    before == null ? "first start; runs once" : "the kit was seeded with " + before + "; rows already there are kept");
            List<String> command = List.of(Topology.java(), "-Xmx512m", "-XX:+UseSerialGC", "-jar",
                    monolith.jar().toString(), "seed", "--products=" + products);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(monolith.environment());
            Process process = builder.start();
            Path log = settings.log("seed");
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var logWriter = Files.newBufferedWriter(log)) {
                String line;
                while ((line = reader.readLine()) != null) {
                    logWriter.write(line);
                    logWriter.newLine();
                    if (line.startsWith("  ") || line.startsWith("Seed") || line.startsWith("seed:")) {
                        out.println("      " + line.strip());
                    }
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new KitException("seeding the shop failed (exit " + exit + ")",
                        "read " + log + ", fix the cause, then ./kit up again (seeding resumes where it stopped)");
            }
            seeded.setProperty("products", String.valueOf(products));
            try (var writer = Files.newBufferedWriter(marker)) {
                seeded.store(writer, "kit: what has been seeded");
            }
            return products;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitException("interrupted while seeding", "run ./kit up again; seeding resumes where it stopped");
        }
    }
}
