package io.stranglerkit.split;

/**
 * What share of a route's requests the extracted service gets, and whether a client keeps its side.
 * Immutable, so that the percentage and stickiness always change together.
 */
public record Split(int servicePercent, boolean sticky) {

    public static final Split INITIAL = new Split(0, true);

    public Split {
        if (servicePercent < 0 || servicePercent > 100) {
            throw new IllegalArgumentException("servicePercent must be between 0 and 100, got " + servicePercent);
        }
    }
}
