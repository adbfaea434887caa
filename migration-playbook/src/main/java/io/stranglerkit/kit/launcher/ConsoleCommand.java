package io.stranglerkit.kit.launcher;

import io.stranglerkit.kit.KitException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;

/** {@code kit console}: the migration console's address, opened in a browser when this machine has a desktop. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Prints the migration console's address (a live page of parts, routes, traffic, data, ramps and events)",
                "and opens it in the desktop's browser when there is one. Changes on the page need the admin token.",
                "Exit 0 when the console answers, 1 when it is not running."})
public class ConsoleCommand implements Callable<Integer> {

    @Option(names = "--no-open", description = "Only print the address.")
    boolean noOpen;

    @Override
    public Integer call() {
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        Part console = topology.part(Topology.CONSOLE);
        String problem = console.whyNotReady(settings.log(Topology.CONSOLE));
        if (problem != null) {
            throw new KitException("the console is not running (" + problem + ")", "start the kit with ./kit up", 1);
        }
        System.out.println("Console: " + console.url() + "   (read-only until you enter the admin token: " + settings.adminTokenFile() + ")");
        boolean desktop = settings.env().containsKey("DISPLAY") || settings.env().containsKey("WAYLAND_DISPLAY");
        if (!noOpen && desktop) {
            try {
                new ProcessBuilder("xdg-open", console.url()).inheritIO().start();
            } catch (IOException e) {
                System.out.println("  (could not open a browser: " + e.getMessage() + "; open the address yourself)");
            }
        }
        return 0;
    }
}
