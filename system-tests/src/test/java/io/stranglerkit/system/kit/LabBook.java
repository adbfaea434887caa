package io.stranglerkit.system.kit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The classroom labs as a test reads them: each lab's README, and in it the command blocks marked to
 * run ({@code ```bash run}, or {@code ```bash run exit=N} for a block that must end with status N),
 * in the order a student meets them.
 */
final class LabBook {

    static final Path LABS = KitRunner.ROOT.resolve("migration-playbook/labs");
    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\S*)(.*)$");
    private static final Pattern RUN = Pattern.compile("^\\s+run(?:\\s+exit=(\\d+))?\\s*$");

    /** A block to run: its lab, where it starts in the README (1-based line), its commands, the status it must end with. */
    record Block(int lab, int line, String commands, int exit) {
    }

    /** Default port of each part, as the labs write it, and the kit variable that moves it. */
    static final Map<String, String> PORTS = Map.of("8080", "KIT_PROXY_PORT", "8081", "KIT_MONOLITH_PORT", "8082", "KIT_SEARCH_PORT",
            "8083", "KIT_CATALOG_PORT", "8084", "KIT_CDC_PORT", "8090", "KIT_CONSOLE_PORT", "9411", "KIT_ZIPKIN_PORT",
            "3307", "KIT_MARIADB_PORT");

    private LabBook() {
    }

    /** lab-NN-name directories, in course order. */
    static List<Path> labs() throws IOException {
        try (Stream<Path> entries = Files.list(LABS)) {
            return entries.filter(d -> d.getFileName().toString().matches("lab-\\d\\d-.+") && Files.isDirectory(d)).sorted().toList();
        }
    }

    static int number(Path lab) {
        return Integer.parseInt(lab.getFileName().toString().substring(4, 6));
    }

    static List<Block> blocks(int lab, String markdown) {
        List<Block> blocks = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            int start = i;
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.length && !lines[i].trim().equals("```"); i++) {
                String line = lines[i];
                body.append(line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading()).append('\n');
            }
            if (i == lines.length) {
                throw new IllegalArgumentException("lab " + lab + ": the block at line " + (start + 1) + " is never closed");
            }
            Matcher run = RUN.matcher(open.group(3));
            if (open.group(2).equals("bash") && run.matches()) {
                blocks.add(new Block(lab, start + 1, body.toString(), run.group(1) == null ? 0 : Integer.parseInt(run.group(1))));
            }
        }
        return blocks;
    }

    private static final Pattern MEASURED_FOR = Pattern.compile("--(duration|warmup|burst) (\\d+)s\\b");

    /**
     * The commands as a student types them, pointed at a kit on other ports, and with the benchmarks'
     * measuring times capped at 3 s (warm-up 1 s): the build checks that the commands work and what
     * they print, not the figures, and a class's ten-second runs would cost the suite minutes.
     */
    static String forTest(String commands, Map<String, String> env) {
        Matcher m = MEASURED_FOR.matcher(onPorts(commands, env));
        StringBuilder capped = new StringBuilder();
        while (m.find()) {
            int cap = m.group(1).equals("warmup") ? 1 : 3;
            m.appendReplacement(capped, "--" + m.group(1) + " " + Math.min(cap, Integer.parseInt(m.group(2))) + "s");
        }
        return m.appendTail(capped).toString();
    }

    /** The commands as a student types them, pointed at a kit on other ports. */
    static String onPorts(String commands, Map<String, String> env) {
        String moved = commands;
        for (Map.Entry<String, String> port : PORTS.entrySet()) {
            String to = env.get(port.getValue());
            moved = moved.replace("127.0.0.1:" + port.getKey(), "127.0.0.1:" + to).replace("-P" + port.getKey(), "-P" + to);
        }
        return moved;
    }
}
