package io.stranglerkit.catalog.web;

/** A field is well-formed but not acceptable, e.g. it names a category that does not exist. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
