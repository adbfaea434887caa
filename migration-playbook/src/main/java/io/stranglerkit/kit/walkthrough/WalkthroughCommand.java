package io.stranglerkit.kit.walkthrough;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.Messages;
import io.stranglerkit.kit.launcher.KitSettings;
import io.stranglerkit.kit.launcher.Part;
import io.stranglerkit.kit.launcher.Topology;
import io.stranglerkit.kit.walkthrough.WalkthroughSteps.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The search extraction, then the catalog extraction, as numbered steps: each says what and why,
 * shows the command it runs, runs it, and checks the outcome before the next one. A failed check
 * stops with what to look at.
 */
@Command(name = "walkthrough", mixinStandardHelpOptions = true,
        description = {"Walks through the migration, step by step, on the running kit. Search (steps 1-9):",
                "baseline -> CDC and the read model -> parallel run -> canary 10% -> compare -> 50% -> 100% ->",
                "kill the service (fallback) -> bring it back. Catalog (steps 10-14): its own copy -> reads 10/50/100% ->",
                "writes 10/50/100% -> rollback drill -> the monolith's catalog retired.",
                "Each step explains, runs, and checks. Exit 0 when every check passed."})
public class WalkthroughCommand implements Callable<Integer> {

    @Option(names = "--auto", description = "Run every step without pausing (for CI and demos).")
    boolean auto;

    @Option(names = "--step", defaultValue = "1", description = "Start at this step, 1-14; 10 starts the catalog (default ${DEFAULT-VALUE}).")
    int firstStep;

    private final PrintStream out = System.out;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @Override
    public Integer call() throws Exception {
        if (firstStep < 1 || firstStep > WalkthroughSteps.COUNT) {
            throw new KitException("--step must be 1-" + WalkthroughSteps.COUNT + ", got " + firstStep, "e.g. kit walkthrough --step 3", 2);
        }
        KitSettings settings = KitSettings.fromEnvironment();
        Topology topology = new Topology(settings);
        topology.requireReady(Topology.MARIADB, Topology.KAFKA, Topology.MONOLITH, Topology.CDC_BRIDGE, Topology.PROXY);
        if (!topology.part(Topology.SEARCH).isBuilt()) {
            throw new KitException("the search service is not built", "build it with ./mvnw -B package -DskipTests, then ./kit down and ./kit up");
        }
        Messages msg = Messages.of(settings.env());
        List<Step> steps = new WalkthroughSteps(settings, topology, http, out, msg).all();
        BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println(msg.get("walkthrough.intro"));
        Part console = topology.part(Topology.CONSOLE);
        boolean watching = console.isBuilt() && console.whyNotReady(settings.log(Topology.CONSOLE)) == null;
        if (watching) {
            out.println(msg.get("walkthrough.console", console.url()));
        }
        for (int i = firstStep; i <= steps.size(); i++) {
            Step step = steps.get(i - 1);
            out.printf(Locale.ROOT, "%n%s%n%s%n%n  $ %s%n", msg.get("walkthrough.heading", i, steps.size(), step.title()), step.why(),
                    step.command());
            if (watching) {
                out.println("  " + msg.get("walkthrough.watch", step.watch()));
            }
            String seen;
            try {
                seen = step.action().run();
            } catch (KitException e) {
                throw new KitException("step " + i + " (" + step.title() + ") failed: " + e.getMessage(), e.fix());
            }
            out.println("  " + msg.get("walkthrough.passed", seen));
            if (!auto && i < steps.size()) {
                out.print("\n" + msg.get("walkthrough.next"));
                out.flush();
                String answer = keyboard.readLine();
                if (answer == null || answer.strip().equalsIgnoreCase("q")) {
                    out.println(msg.get("walkthrough.stopped", i, i + 1));
                    return 0;
                }
            }
        }
        out.println("\n" + msg.get("walkthrough.done"));
        return 0;
    }
}
