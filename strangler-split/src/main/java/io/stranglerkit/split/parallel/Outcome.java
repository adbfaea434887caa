package io.stranglerkit.split.parallel;

/** What became of one shadowed read; the label is the metric tag and the field name in the results. */
public enum Outcome {
    /** Same status, Content-Type and body. */
    IDENTICAL("identical"),
    /** Differs only where the answers differ anyway: ignored paths and learned noise. */
    NOISY("noisy"),
    /** Still differs after the read model caught up. */
    DIFFERENT("different"),
    /** Differed at first, so it waits for a re-check after the read model's lag (then counts once more, as its final outcome). */
    LAGGING("lagging"),
    /** Differed at first, and the data behind the service did not catch up within the deadline (or too many waited): not judged. */
    UNRESOLVED("unresolved"),
    /** Not sent: the route already had its maximum of shadow calls open. */
    DROPPED("dropped"),
    /** The shadow call failed: refused, timed out, broken. */
    SHADOW_ERROR("shadowErrors"),
    /** Not comparable: the primary fell back to the other side, or an answer was over the body limit. */
    SKIPPED("skipped");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
