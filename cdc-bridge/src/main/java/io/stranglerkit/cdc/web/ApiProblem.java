package io.stranglerkit.cdc.web;

import org.springframework.http.HttpStatus;

/** A request the bridge refuses, with the field at fault and why; rendered as problem+json. */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public ApiProblem(HttpStatus status, String field, String reason) {
        super(reason);
        this.status = status;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
