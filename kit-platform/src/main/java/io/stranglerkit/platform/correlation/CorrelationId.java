package io.stranglerkit.platform.correlation;

import org.slf4j.MDC;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The kit's correlation id: the {@code X-Correlation-Id} header a request carries through the proxy
 * to every backend, and the {@code correlationId} key under which each process logs it.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    /** The request attribute that holds the id, and the tag it gets on the request's span. */
    public static final String TAG = "correlationId";
    /** Marks the proxy's copy of a read in a parallel run; logged after the id. */
    public static final String SHADOW_HEADER = "X-Shadow";
    public static final String SHADOW_MDC_KEY = "shadow";

    /** The id of the request this thread serves, {@code null} outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
    // The id is copied into log lines and headers: accept only short, plain tokens.
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private CorrelationId() {
    }

    /** Whether a caller's id can be kept: a plain token of at most 64 characters. */
    public static boolean accepts(String given) {
        return given != null && ACCEPTED.matcher(given).matches();
    }

    /** The caller's id when it is a plain token, else a new UUID. */
    public static String acceptOrCreate(String given) {
        return accepts(given) ? given : UUID.randomUUID().toString();
    }
}
