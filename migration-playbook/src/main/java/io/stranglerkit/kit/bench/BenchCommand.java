package io.stranglerkit.kit.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the kit: latency of the monolith and the extracted services, side by side.",
        subcommands = CompareCommand.class)
/** Only groups its subcommands: without one, picocli prints the usage and exits 2. */
public class BenchCommand {
}
