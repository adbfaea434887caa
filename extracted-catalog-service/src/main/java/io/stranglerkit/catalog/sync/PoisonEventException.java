package io.stranglerkit.catalog.sync;

/** A change that can never be applied as it is; it goes to the dead-letter topic with this reason. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
