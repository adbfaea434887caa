package io.stranglerkit.split;

/**
 * What share of a route's requests the extracted service gets, whether a client keeps its side, and
 * what share of its reads is also sent to the other side to compare the answers (a parallel run).
 * Immutable, so that the three always change together.
 */
public record Split(int servicePercent, boolean sticky, int shadowPercent) {

    public static final Split INITIAL = new Split(0, true);

    public Split {
        if (servicePercent < 0 || servicePercent > 100) {
            throw new IllegalArgumentException("servicePercent must be between 0 and 100, got " + servicePercent);
        }
        if (shadowPercent < 0 || shadowPercent > 100) {
            throw new IllegalArgumentException("shadowPercent must be between 0 and 100, got " + shadowPercent);
        }
    }

    /** No parallel run. */
    public Split(int servicePercent, boolean sticky) {
        this(servicePercent, sticky, 0);
    }
}
