package io.stranglerkit.kit.bench;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the kit: the monolith and the extracted services side by side, CDC lag, search freshness.",
        subcommands = {CompareCommand.class, CdcBenchCommand.class, FreshnessBenchCommand.class, CatalogBenchCommand.class})
/** Only groups its subcommands: without one, picocli prints the usage and exits 2. */
public class BenchCommand {
}
