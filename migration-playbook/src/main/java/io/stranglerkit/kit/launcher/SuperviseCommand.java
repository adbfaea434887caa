package io.stranglerkit.kit.launcher;

import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** The supervisor process itself; {@code kit up --supervise} starts it in the background. */
@Command(name = "supervise", hidden = true, description = "Runs the supervisor in the foreground (kit up --supervise starts it).")
public class SuperviseCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        new Supervisor(KitSettings.fromEnvironment(), new PrintWriter(System.out, true)).run();
        return 0;
    }
}
