package io.stranglerkit.kit;

import io.stranglerkit.kit.bench.BenchCommand;
import io.stranglerkit.kit.labs.CheckCommand;
import io.stranglerkit.kit.labs.LabCommand;
import io.stranglerkit.kit.launcher.ComposeEnvCommand;
import io.stranglerkit.kit.launcher.ConsoleCommand;
import io.stranglerkit.kit.launcher.DownCommand;
import io.stranglerkit.kit.launcher.LogsCommand;
import io.stranglerkit.kit.launcher.ResetCommand;
import io.stranglerkit.kit.launcher.RestartCommand;
import io.stranglerkit.kit.launcher.StatusCommand;
import io.stranglerkit.kit.launcher.StopCommand;
import io.stranglerkit.kit.launcher.SuperviseCommand;
import io.stranglerkit.kit.launcher.UpCommand;
import io.stranglerkit.kit.route.DiffCommand;
import io.stranglerkit.kit.ramp.RampCommand;
import io.stranglerkit.kit.route.RouteCommand;
import io.stranglerkit.kit.trace.TraceCommand;
import io.stranglerkit.kit.verify.VerifyCommand;
import io.stranglerkit.kit.walkthrough.WalkthroughCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code kit} command. Exit codes: 0 done, 1 failed (the message says why and what to do),
 * 2 bad usage.
 */
@Command(name = "kit",
        mixinStandardHelpOptions = true,
        version = "strangler-kit 0.1.0",
        description = "Runs, shows and measures a strangler-fig migration of a legacy shop.",
        subcommands = {UpCommand.class, DownCommand.class, StopCommand.class, RestartCommand.class, SuperviseCommand.class,
                StatusCommand.class, ConsoleCommand.class, LogsCommand.class, ResetCommand.class, ComposeEnvCommand.class, RouteCommand.class,
                DiffCommand.class, RampCommand.class, TraceCommand.class,
                VerifyCommand.class, BenchCommand.class,
                WalkthroughCommand.class, CheckCommand.class, LabCommand.class, CommandLine.HelpCommand.class})
public class KitCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new KitCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof KitException kit) {
                commandLine.getErr().println("error: " + kit.getMessage());
                if (kit.fix() != null) {
                    commandLine.getErr().println("  fix: " + kit.fix());
                }
                return kit.exitCode();
            }
            throw e;
        });
        return cli.execute(args);
    }
}
