package io.stranglerkit.kit.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

final class Logs {

    private Logs() {
    }

    /** The last lines of a log, read in one pass without loading the whole file. */
    static List<String> tail(Path log, int lines) {
        Deque<String> last = new ArrayDeque<>(lines);
        if (!Files.exists(log)) {
            return List.of("(no log yet at " + log + ")");
        }
        try (Stream<String> stream = Files.lines(log, StandardCharsets.UTF_8)) {
            stream.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
        return new ArrayList<>(last);
    }
}
