package io.stranglerkit.proxy.ramp;

/** A ramp request refused: the HTTP status, the field and short reason for the problem, and the whole sentence (the message). */
public final class RampRefused extends Exception {

    public final int status;
    public final String field;
    public final String reason;

    RampRefused(int status, String field, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.field = field;
        this.reason = reason;
    }
}
