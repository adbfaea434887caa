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
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "reset", mixinStandardHelpOptions = true,
        description = {"Stops the kit and deletes everything under .kit/: databases, Kafka data, CDC offsets,",
                "logs and the admin token. The next ./kit up starts from scratch (and seeds again)."})
public class ResetCommand implements Callable<Integer> {

    @Option(names = "--yes", description = "Do not ask for confirmation.")
    boolean yes;

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
            out.print("This deletes " + home + " (all kit data and logs). Type 'yes' to continue: ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (!"yes".equalsIgnoreCase(answer == null ? "" : answer.trim())) {
                throw new KitException("reset cancelled; nothing was deleted", "type yes at the prompt, or run ./kit reset --yes");
            }
        }
        DownCommand.stopEverything(settings, out);
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        out.println("Deleted " + home + ". The next ./kit up starts from scratch.");
        return 0;
    }
}
