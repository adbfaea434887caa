package io.stranglerkit.kit;

/** A failure the user can act on: what went wrong, and the one thing to do about it. */
public class KitException extends RuntimeException {

    private final String fix;
    private final int exitCode;

    public KitException(String problem, String fix) {
        this(problem, fix, 1);
    }

    public KitException(String problem, String fix, int exitCode) {
        super(problem);
        this.fix = fix;
        this.exitCode = exitCode;
    }

    public String fix() {
        return fix;
    }

    public int exitCode() {
        return exitCode;
    }
}
