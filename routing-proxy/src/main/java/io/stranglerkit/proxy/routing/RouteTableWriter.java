package io.stranglerkit.proxy.routing;

import java.util.function.UnaryOperator;

/** Commits a change to the route table: the version it read must still be the latest. */
public interface RouteTableWriter {

    /**
     * @param expectedVersion the version the caller read, or null to change whatever is the latest
     * @param change          the new table from the latest one
     * @return the committed table, already applied on this replica
     * @throws StaleVersionException the latest version is not {@code expectedVersion}
     * @throws UnavailableException  the change could not be published; nothing changed
     */
    RouteTable commit(Long expectedVersion, UnaryOperator<RouteTable> change);


    class StaleVersionException extends RuntimeException {
        public final long currentVersion;

        public StaleVersionException(long expected, long currentVersion) {
            super("the route table is at version " + currentVersion + ", not " + expected + ": read it again and repeat the change",
                    null, false, false);
            this.currentVersion = currentVersion;
        }
    }

    class UnavailableException extends RuntimeException {
        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
