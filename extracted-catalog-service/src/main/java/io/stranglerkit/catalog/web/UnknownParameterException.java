package io.stranglerkit.catalog.web;

import java.util.Set;

public class UnknownParameterException extends RuntimeException {

    private final Set<String> unknown;
    private final Set<String> known;

    public UnknownParameterException(Set<String> unknown, Set<String> known) {
        super("unknown query parameter(s) " + unknown + "; this endpoint accepts " + (known.isEmpty() ? "none" : known));
        this.unknown = unknown;
        this.known = known;
    }

    public Set<String> unknown() {
        return unknown;
    }

    public Set<String> known() {
        return known;
    }
}
