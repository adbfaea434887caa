package io.stranglerkit.kit.verify;

import picocli.CommandLine.Command;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Checks that an extracted service's data matches the monolith's, or that every side keeps the API contract (exit 0 clean, 1 drift).",
        subcommands = {VerifySearchCommand.class, VerifyCatalogCommand.class, VerifyContractCommand.class})
/** Only groups its subcommands: without one, picocli prints the usage and exits 2. */
public class VerifyCommand {
}
