package io.stranglerkit.platform.tracing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The trace context of a write, carried in the statement itself as a trailing SQL comment in the
 * sqlcommenter form ({@code UPDATE ... /*traceparent='00-<trace id>-<span id>-01'*&#47;}). With
 * {@code binlog_annotate_row_events} MariaDB keeps the statement text next to its row events, so the
 * cdc-bridge can continue the writer's trace: this class is the one definition of that contract for
 * both sides.
 * <p>
 * Reading is strict: only a W3C version-00 value in a comment that ends the statement counts. A
 * comment elsewhere (inside a string literal, closed early, followed by more SQL) or a malformed value
 * is no context; the change is still replicated, it just starts a trace of its own.
 */
public final class TraceComment {

    /** W3C trace context, version 00: trace id and parent id in lower-case hex, not all zeros; flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Pattern TRAILING = Pattern.compile("/\\*traceparent='([^'*]{0,64})'\\*/\\s*;?\\s*\\z");
    /** Statements longer than this are not searched from their start: the comment is at the end. */
    private static final int TAIL = 128;

    private TraceComment() {
    }

    /** The comment to append to a statement; {@code traceparent} must be a valid W3C value. */
    public static String of(String traceparent) {
        if (!valid(traceparent)) {
            throw new IllegalArgumentException("not a W3C traceparent: " + traceparent);
        }
        return " /*traceparent='" + traceparent + "'*/";
    }

    /** The {@code traceparent} the statement ends with, if it ends with a well-formed one. */
    public static Optional<String> in(String statement) {
        if (statement == null || statement.isEmpty()) {
            return Optional.empty();
        }
        String tail = statement.length() > TAIL ? statement.substring(statement.length() - TAIL) : statement;
        Matcher m = TRAILING.matcher(tail);
        if (!m.find() || !valid(m.group(1))) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    public static boolean valid(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches();
    }

    /** {@code 00-<trace id>-<span id>-<flags>} from a context's parts. */
    public static String traceparent(String traceId, String spanId, boolean sampled) {
        return "00-" + pad(traceId, 32) + "-" + pad(spanId, 16) + (sampled ? "-01" : "-00");
    }

    private static String pad(String hex, int length) {
        return hex.length() >= length ? hex : "0".repeat(length - hex.length()) + hex;
    }
}
