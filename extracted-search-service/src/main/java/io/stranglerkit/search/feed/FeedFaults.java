package io.stranglerkit.search.feed;

import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault a class (or a test) can inject on purpose: the feed's next batch throws an {@link Error},
 * as an OutOfMemoryError would, so the service's health, /status and recovery can be watched.
 */
@Component
public class FeedFaults {

    /** What the feed throws when armed. */
    public static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError() {
            super("injected by POST /admin/faults/feed-error");
        }
    }

    private final AtomicBoolean armed = new AtomicBoolean();

    public void arm() {
        armed.set(true);
    }

    void throwIfArmed() {
        if (armed.getAndSet(false)) {
            throw new InjectedError();
        }
    }
}
