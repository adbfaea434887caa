package io.stranglerkit.kit.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faster JVM starts with the JDK's class data sharing (AppCDS), the way Spring Boot documents it:
 * the fat jar is extracted once ({@code java -Djarmode=tools -jar app.jar extract}, because CDS only
 * archives classes loaded from plain jars on the class path), the first run records the classes it
 * loaded into {@code app-java<version>.jsa} when it exits ({@code -XX:ArchiveClassesAtExit}, JDK 17's dynamic
 * archive), and later runs map that archive ({@code -XX:SharedArchiveFile}). Both live in the
 * module's {@code target/cds/}, so a rebuilt jar (new size or time) throws them away, and a fresh
 * kit home ({@code kit reset}) keeps them. {@code KIT_CDS=false} runs the plain jar.
 */
final class ClassDataSharing {

    private final KitSettings settings;
    private final PrintWriter out;

    ClassDataSharing(KitSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    boolean enabled() {
        return !"false".equalsIgnoreCase(settings.get("KIT_CDS", "true"));
    }

    /** The part's command with the extracted jar and the archive flag; the part itself when CDS is off or fails. */
    Part apply(Part part) {
        if (!enabled() || !part.isApplication() || !part.command().contains("-jar")) {
            return part;
        }
        Path dir = part.jar().getParent().resolve("cds");
        Path extracted = dir.resolve("jar").resolve(part.jar().getFileName());
        // An archive only maps into the JVM that wrote it: one per Java version, so another JDK trains its own.
        Path archive = dir.resolve(part.name() + "-java" + Runtime.version().toString().replaceAll("[^0-9A-Za-z.+-]", "_") + ".jsa");
        try {
            if (!current(part.jar(), dir)) {
                extract(part.jar(), dir);
            }
        } catch (IOException | RuntimeException e) {
            out.printf("      note: %s starts without class data sharing (%s)%n", part.name(), e.getMessage());
            return part; // the plain jar still runs, only slower to start
        }
        List<String> command = new ArrayList<>();
        for (String arg : part.command()) {
            if (arg.equals("-jar")) {
                command.add(Files.isRegularFile(archive) ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + archive);
                // Classes CDS cannot keep (generated accessors, old class versions) are skipped with a
                // warning each: hundreds of lines in the part's log that say nothing to its reader.
                command.add("-Xlog:cds*=error");
            }
            command.add(arg.equals(part.jar().toString()) ? extracted.toString() : arg);
        }
        return part.withCommand(command);
    }

    /** The extraction (and any archive) belongs to this very jar: same size and modification time. */
    private static boolean current(Path jar, Path dir) throws IOException {
        Path stamp = dir.resolve("source.stamp");
        return Files.isRegularFile(stamp) && Files.readString(stamp).equals(stampOf(jar));
    }

    private static String stampOf(Path jar) throws IOException {
        return Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
    }

    private static void extract(Path jar, Path dir) throws IOException {
        deleteTree(dir);
        Files.createDirectories(dir);
        Process process = new ProcessBuilder(Topology.java(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", dir.resolve("jar").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("extract.log").toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("extracting " + jar + " failed; see " + dir.resolve("extract.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting " + jar);
        }
        Files.writeString(dir.resolve("source.stamp"), stampOf(jar));
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
