package io.stranglerkit.search.index;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case and accent folding that mirrors the monolith's {@code utf8mb4_unicode_ci} comparison for the
 * text it stores: "Café" and "CAFE" fold to "cafe", so a term matches here exactly when the
 * monolith's {@code LIKE} matches it.
 */
public final class TextFolding {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextFolding() {
    }

    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower; // the common case: no decomposition needed
        }
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("")
                .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe");
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }
}
