package io.stranglerkit.platform.cdc;

/**
 * A change event that does not fit the contract and never will (retrying cannot help): it goes to the
 * dead-letter topic with this reason, which names every problem a person has to act on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
