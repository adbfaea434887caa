package io.stranglerkit.search.index;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;

/**
 * Where indexes live: one directory per generation under {@code search.index-dir}, and a file
 * {@code CURRENT} naming the one searches use. A new generation (a rebuild) becomes current by an
 * atomic rename of that file, so a crash leaves either the old index current or the new one.
 */
@Component
public class IndexFiles {

    private static final String CURRENT = "CURRENT";
    private static final DateTimeFormatter GENERATION = DateTimeFormatter.ofPattern("'index-'yyyyMMdd-HHmmss-SSS");

    private final Path base;

    public IndexFiles(@Value("${search.index-dir}") Path base) {
        this.base = base.toAbsolutePath();
    }

    public Path base() {
        return base;
    }

    /** The current generation's index, as last committed; fails when there is none or it cannot be used. */
    public SearchIndex openCurrent(String model) throws IOException {
        Path pointer = base.resolve(CURRENT);
        if (!Files.exists(pointer)) {
            throw new IOException("no index yet in " + base);
        }
        return SearchIndex.open(base.resolve(Files.readString(pointer, StandardCharsets.UTF_8).trim()), model);
    }

    /** An empty index in a new generation directory; it is not current until {@link #makeCurrent}. */
    public SearchIndex createNext(String model) {
        Path next = base.resolve(LocalDateTime.now().format(GENERATION));
        for (int n = 1; Files.exists(next); n++) {
            next = base.resolve(LocalDateTime.now().format(GENERATION) + "-" + n);
        }
        return SearchIndex.create(next, model);
    }

    /** Points {@code CURRENT} at the index's directory and removes every other generation. */
    public void makeCurrent(SearchIndex index) {
        try {
            Path staged = base.resolve(CURRENT + ".next");
            Files.writeString(staged, index.path().getFileName().toString(), StandardCharsets.UTF_8);
            Files.move(staged, base.resolve(CURRENT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (Stream<Path> entries = Files.list(base)) {
                for (Path old : entries.filter(p -> Files.isDirectory(p) && !p.equals(index.path())).toList()) {
                    org.apache.lucene.util.IOUtils.rm(old);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + index.path() + " the current search index", e);
        }
    }
}
