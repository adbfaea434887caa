package io.stranglerkit.proxy.ramp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ramp's state, saved after every transition: where it is, each step's checks, and its history.
 *
 * @param state         running, paused, completed, aborted (a read route moved back), draining (a
 *                      write route moved back, its data still syncing to the monolith) or rolled-back
 * @param step          the index in {@code plan.steps()} of the step being held (or last held)
 * @param reason        why it is paused, aborted or rolled back; null while it runs
 * @param rollback      the check that failed, when one did
 * @param monolithP99Ms the monolith's p99 on this route, last measured with enough requests
 */
public record Ramp(RampPlan plan, String state, int step, Instant stepStartedAt, String reason, Rollback rollback,
                   List<Step> steps, List<Transition> history, String startedBy, Double monolithP99Ms) {

    static final String RUNNING = "running";
    static final String PAUSED = "paused";
    static final String COMPLETED = "completed";
    static final String ABORTED = "aborted";
    static final String DRAINING = "draining";
    static final String ROLLED_BACK = "rolled-back";

    /** One step held: its checks as last judged, and how it ended (null while held). */
    public record Step(int percent, Instant startedAt, Instant endedAt, String verdict, List<RampCheck> checks) {
    }

    public record Transition(Instant at, String from, String to, String why) {
    }

    /** @param window how long the failed step had run when the check failed */
    public record Rollback(String check, Double measured, String value, String threshold, String window, int toPercent) {
    }

    public Ramp {
        steps = List.copyOf(steps);
        history = List.copyOf(history);
    }

    /** Holds a route at a step, or still moves it: no other change may be made to the route meanwhile. */
    boolean active() {
        return state.equals(RUNNING) || state.equals(PAUSED);
    }

    /** Nothing left to do: a new ramp of the route may start. */
    boolean finished() {
        return state.equals(COMPLETED) || state.equals(ABORTED) || state.equals(ROLLED_BACK);
    }

    int percent() {
        return plan.steps().get(step);
    }

    Ramp to(String next, String why, Instant at) {
        List<Transition> moved = new ArrayList<>(history);
        moved.add(new Transition(at, state, next, why));
        return new Ramp(plan, next, step, stepStartedAt, next.equals(RUNNING) ? null : why, rollback, steps, moved, startedBy, monolithP99Ms);
    }

    /** The current step with its latest checks (and, when it ends, its verdict). */
    Ramp judged(List<RampCheck> checks, String verdict, Instant endedAt, Double monolithP99) {
        List<Step> all = new ArrayList<>(steps);
        Step current = all.get(all.size() - 1);
        all.set(all.size() - 1, new Step(current.percent(), current.startedAt(), endedAt, verdict, checks));
        return new Ramp(plan, state, step, stepStartedAt, reason, rollback, all, history, startedBy, monolithP99);
    }

    Ramp atStep(int index, Instant at) {
        List<Step> all = new ArrayList<>(steps);
        all.add(new Step(plan.steps().get(index), at, null, null, List.of()));
        return new Ramp(plan, state, index, at, reason, rollback, all, history, startedBy, monolithP99Ms);
    }

    /** The same step held again from {@code at}: after a pause, or a restart of the proxy. */
    Ramp restartHold(Instant at) {
        List<Step> all = new ArrayList<>(steps);
        Step current = all.get(all.size() - 1);
        all.set(all.size() - 1, new Step(current.percent(), at, null, null, List.of()));
        return new Ramp(plan, state, step, at, reason, rollback, all, history, startedBy, monolithP99Ms);
    }

    Ramp rolledBack(Rollback why) {
        return new Ramp(plan, state, step, stepStartedAt, reason, why, steps, history, startedBy, monolithP99Ms);
    }

    /** The percentage of the last step that passed, 0 when none did. */
    int lastGoodPercent() {
        return steps.stream().filter(s -> "passed".equals(s.verdict())).mapToInt(Step::percent).max().orElse(0);
    }
}
