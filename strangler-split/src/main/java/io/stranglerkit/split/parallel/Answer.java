package io.stranglerkit.split.parallel;

import java.nio.charset.StandardCharsets;

/**
 * One side's answer to a read, as compared: status, {@code Content-Type} and the body's bytes.
 *
 * @param truncated the body was longer than the limit and only its start is here: not comparable
 */
public record Answer(String side, int status, String contentType, byte[] body, boolean truncated) {

    /** The body as text, cut to {@code max} characters, for a sample people read. */
    public String bodyText(int max) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.length() <= max ? text : text.substring(0, max) + "... (" + body.length + " bytes)";
    }
}
