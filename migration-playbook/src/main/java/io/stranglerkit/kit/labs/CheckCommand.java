package io.stranglerkit.kit.labs;

import io.stranglerkit.kit.KitException;
import io.stranglerkit.kit.launcher.KitSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kit check lab-N}: tells a student whether the state a lab aims at is reached, check by
 * check, with what to do for each one that is not. The labs are in migration-playbook/labs/.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Tells whether a classroom lab's goal is reached on the running kit (labs: migration-playbook/labs/).",
                "Exit 0 when every check passes, 1 when one does not (each says what to do), 2 for an unknown lab."})
public class CheckCommand implements Callable<Integer> {

    /** The course's labs, numbered in the order they are taught (migration-playbook/labs/README.md). */
    public static final int LABS = 12;
    private static final Pattern LAB = Pattern.compile("lab-?(\\d+)");

    @Parameters(paramLabel = "LAB", description = "lab-1 .. lab-" + LABS)
    String lab;

    private final PrintStream out = System.out;

    @Override
    public Integer call() {
        int number = labNumber(lab);
        KitProbe kit = new KitProbe(KitSettings.fromEnvironment());
        out.println(kit.msg.get("check.heading", number, String.format(Locale.ROOT, "%02d", number)));
        int failed = 0;
        for (LabChecks.Named named : new LabChecks(kit, kit.msg).of(number)) {
            String problem;
            try {
                problem = named.check().problem();
            } catch (Exception e) {
                problem = kit.msg.get("check.couldNot", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.printf("  [%s] %s%s%n", problem == null ? "ok" : "--", named.what(), problem == null ? "" : "\n       " + problem);
            failed += problem == null ? 0 : 1;
        }
        out.println(failed == 0 ? kit.msg.get("check.done", number) : kit.msg.get("check.notYet", failed));
        return failed == 0 ? 0 : 1;
    }

    /** 3 from "lab-3", "lab3" or "3"; bad usage (exit 2) for anything else. */
    static int labNumber(String lab) {
        String text = lab == null ? "" : lab.trim().toLowerCase(Locale.ROOT);
        Matcher m = LAB.matcher(text.matches("\\d+") ? "lab-" + text : text);
        int number = m.matches() && m.group(1).length() < 4 ? Integer.parseInt(m.group(1)) : -1;
        if (number < 1 || number > LABS) {
            throw new KitException("no lab '" + lab + "'", "labs are lab-1 to lab-" + LABS + " (see migration-playbook/labs/)", 2);
        }
        return number;
    }
}
