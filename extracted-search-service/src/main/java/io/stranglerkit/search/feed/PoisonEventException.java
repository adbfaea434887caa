package io.stranglerkit.search.feed;

/** An event that can never be applied, whatever is retried: it goes to the dead-letter topic. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String reason) {
        super(reason);
    }
}
