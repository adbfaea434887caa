package io.stranglerkit.infra;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Command lines for JVMs that run a main class from this process's own classpath. */
public final class JavaProcess {

    private JavaProcess() {
    }

    /** The java launcher of the running JVM, so children use the same JDK. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's classpath with absolute entries: children may run in another working directory. */
    public static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    public static List<String> command(String maxHeap, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xms32m", "-Xmx" + maxHeap, "-XX:+UseSerialGC",
                "-Djava.awt.headless=true", "-cp", classPath(), mainClass));
        command.addAll(List.of(args));
        return command;
    }
}
