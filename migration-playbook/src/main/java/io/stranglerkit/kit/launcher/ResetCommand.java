package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Stops the kit and deletes everything under .kit/: databases, Kafka data, CDC offsets,",
                "logs and the admin token. The next ./kit up starts from scratch (and seeds again).",
                "--fast instead puts back the state kit up saved after its first seed and starts the kit."})
public class ResetCommand implements Callable<Integer> {

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

    @Option(names = "--fast", description = {"Restore the freshly seeded state (databases, topics, offsets, the services' models)",
            "from .kit/snapshot/ instead of deleting it all, then ./kit up: no seeding and no reloading."})
    boolean fast;

    @Override
    public Integer call() throws IOException {
        KitSettings settings = KitSettings.fromEnvironment();
        PrintWriter out = new PrintWriter(System.out, true);
        Path home = settings.home();
        if (!Files.exists(home)) {
            out.println("Nothing to reset: " + home + " does not exist.");
            return 0;
        }
        if (!yes) {
            out.print(fast ? "This replaces the kit's data in " + home + " with the snapshot taken after its first seed. Type 'yes' to continue: "
                    : "This deletes " + home + " (all kit data and logs). Type 'yes' to continue: ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"yes".equalsIgnoreCase(answer == null ? "" : answer.trim())) {
                throw new KitException("reset cancelled; nothing was " + (fast ? "changed" : "deleted"),
                        "type yes at the prompt, or run ./kit reset " + (fast ? "--fast " : "") + "--yes");
            }
        }
        if (fast) {
            return resetFast(settings, out);
        }
        DownCommand.stopEverything(settings, out);
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        out.println("Deleted " + home + ". The next ./kit up starts from scratch.");
        return 0;
    }

    private static int resetFast(KitSettings settings, PrintWriter out) {
        long began = System.nanoTime();
        ClassroomSnapshot snapshot = new ClassroomSnapshot(settings, out);
        if (!Files.isDirectory(snapshot.folder())) {
            snapshot.restore(); // says why there is none and what to do, before anything is stopped
        }
        DownCommand.stopEverything(settings, out);
        snapshot.restore();
        out.printf(Locale.ROOT, "Restored the freshly seeded state from %s in %.1f s; starting the kit%n", snapshot.folder(),
                (System.nanoTime() - began) / 1e9);
        int up = new UpCommand().call();
        out.printf(Locale.ROOT, "Reset to the freshly seeded state, the kit up again, in %.0f s.%n", (System.nanoTime() - began) / 1e9);
        return up;
    }
}
