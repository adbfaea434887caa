package io.stranglerkit.split.parallel;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Where two answers to the same read differ: status first (a different status ends the comparison),
 * then {@code Content-Type}, then the body. JSON bodies are compared structurally: object fields by
 * name whatever their order, arrays element by element in order (the kit's answers are ordered, so an
 * element in another place is a difference), numbers and strings by their JSON value. Array indexes in
 * the reported paths become {@code [*]}, so the same field in every item counts as one path; arrays of
 * different lengths are reported once at the array's own path. Other bodies are compared byte for byte.
 * <p>
 * Written here rather than taken from a JSON diff library: zjsonpatch and json-patch produce RFC 6902
 * patches whose array diffs are LCS-based (a changed element becomes remove + add at shifted
 * indexes), and JSONassert reports prose for people; the parallel run needs "same path, two values".
 */
public final class AnswerDiff {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_VALUE_CHARS = 200;
    // Enough to show what is wrong; a body that differs everywhere should not make thousands of entries.
    private static final int MAX_DIFFERENCES = 50;

    private AnswerDiff() {
    }

    public static List<Difference> between(Answer primary, Answer shadow) {
        List<Difference> out = new ArrayList<>();
        if (primary.status() != shadow.status()) {
            out.add(new Difference(Difference.STATUS, String.valueOf(primary.status()), String.valueOf(shadow.status())));
            return out;
        }
        MediaType primaryType = mediaType(primary.contentType());
        MediaType shadowType = mediaType(shadow.contentType());
        if (!Objects.equals(primaryType, shadowType)) {
            out.add(new Difference(Difference.CONTENT_TYPE, String.valueOf(primary.contentType()), String.valueOf(shadow.contentType())));
        }
        JsonNode primaryJson = json(primaryType, primary.body());
        JsonNode shadowJson = json(shadowType, shadow.body());
        if (primaryJson != null && shadowJson != null) {
            compare("$", primaryJson, shadowJson, out);
        } else if (!Arrays.equals(primary.body(), shadow.body())) {
            out.add(new Difference("$", cut(primary.bodyText(MAX_VALUE_CHARS)), cut(shadow.bodyText(MAX_VALUE_CHARS))));
        }
        return out;
    }

    private static void compare(String path, JsonNode primary, JsonNode shadow, List<Difference> out) {
        if (out.size() >= MAX_DIFFERENCES || primary.equals(shadow)) {
            return;
        }
        if (primary.isObject() && shadow.isObject()) {
            for (String name : primary.propertyNames()) {
                String child = path + "." + name;
                if (shadow.has(name)) {
                    compare(child, primary.get(name), shadow.get(name), out);
                } else {
                    add(out, child, text(primary.get(name)), Difference.ABSENT);
                }
            }
            for (String name : shadow.propertyNames()) {
                if (!primary.has(name)) {
                    add(out, path + "." + name, Difference.ABSENT, text(shadow.get(name)));
                }
            }
        } else if (primary.isArray() && shadow.isArray()) {
            if (primary.size() != shadow.size()) {
                add(out, path, primary.size() + " items", shadow.size() + " items");
            }
            for (int i = 0; i < Math.min(primary.size(), shadow.size()); i++) {
                compare(path + "[*]", primary.get(i), shadow.get(i), out);
            }
        } else {
            add(out, path, text(primary), text(shadow));
        }
    }

    /** The same path is reported once per comparison, with its first example. */
    private static void add(List<Difference> out, String path, String primary, String shadow) {
        for (Difference d : out) {
            if (d.path().equals(path)) {
                return;
            }
        }
        out.add(new Difference(path, primary, shadow));
    }

    private static MediaType mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        try {
            // Equal media types compare charset=UTF-8 and charset=utf-8 as the same.
            return MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return null;
        }
    }

    private static JsonNode json(MediaType type, byte[] body) {
        boolean json = type != null && (MediaType.APPLICATION_JSON.isCompatibleWith(type) || type.getSubtype().endsWith("+json"));
        if (!json || body.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return cut(node.toString());
    }

    private static String cut(String text) {
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS) + "...";
    }
}
