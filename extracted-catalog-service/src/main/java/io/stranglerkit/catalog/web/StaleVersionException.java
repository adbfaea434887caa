package io.stranglerkit.catalog.web;

public class StaleVersionException extends RuntimeException {

    private final long currentVersion;

    public StaleVersionException(String resource, long id, long givenVersion, long currentVersion) {
        super(resource + " " + id + " was changed by someone else: you sent version " + givenVersion
                + ", the current version is " + currentVersion + ". Reload it and apply your change again.");
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
