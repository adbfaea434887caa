package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Prints a part's log (.kit/logs/NAME.log).")
public class LogsCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "A part (mariadb, kafka, legacy-monolith, ...) or 'seed'.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until Ctrl-C.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "200", description = "How many of the last lines (default ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() throws IOException, InterruptedException {
        KitSettings settings = KitSettings.fromEnvironment();
        List<String> known = new ArrayList<>(new Topology(settings).names());
        known.add("seed");
        if (!known.contains(name)) {
            throw new KitException("no part named '" + name + "'", "use one of: " + String.join(", ", known), 2);
        }
        Path log = settings.log(name);
        if (!Files.exists(log)) {
            throw new KitException("no log for " + name + " yet (" + log + ")", "start the kit with ./kit up");
        }
        Logs.tail(log, Math.max(1, lines)).forEach(System.out::println);
        if (follow) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                long position = file.length();
                while (!Thread.currentThread().isInterrupted()) {
                    if (file.length() > position) {
                        file.seek(position);
                        byte[] chunk = new byte[(int) Math.min(1 << 20, file.length() - position)];
                        file.readFully(chunk);
                        position += chunk.length;
                        System.out.print(new String(chunk, StandardCharsets.UTF_8));
                        System.out.flush();
                    } else if (file.length() < position) {
                        position = 0;
                    }
                    Thread.sleep(250);
                }
            }
        }
        return 0;
    }
}
