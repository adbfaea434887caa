package io.stranglerkit.catalog.web;

/** The request is valid but clashes with the data as it is (a duplicate, a reference that blocks a delete). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
