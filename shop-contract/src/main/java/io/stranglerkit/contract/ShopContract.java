package io.stranglerkit.contract;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The shop's API contract, {@code openapi/shop-api.yaml}: the document as text (for the validator)
 * and as JSON (what {@code /v3/api-docs} publishes), whole or cut to the operations one side serves.
 */
public final class ShopContract {

    public static final String LOCATION = "openapi/shop-api.yaml";

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ShopContract() {
    }

    /** The YAML as written. */
    public static String yaml() {
        try (InputStream in = ShopContract.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole document as JSON, YAML anchors resolved. */
    public static ObjectNode document() {
        return parse(yaml());
    }

    /** A document's YAML or JSON text (JSON is YAML) as JSON, anchors resolved. */
    public static ObjectNode parse(String text) {
        LoaderOptions options = new LoaderOptions();
        // The contract shares its header and parameter lists through anchors: one alias per operation.
        options.setMaxAliasesForCollections(1000);
        Object tree = new Yaml(options).load(text);
        if (!(tree instanceof Map<?, ?> map) || !map.containsKey("openapi") || !(map.get("paths") instanceof Map)) {
            throw new IllegalArgumentException("not an OpenAPI document: a YAML or JSON object with 'openapi' and 'paths' is expected");
        }
        return (ObjectNode) JSON.valueToTree(tree);
    }

    /**
     * The document's path templates, each with the pattern a concrete path matches, literal ones
     * first, so /api/products/search wins over /api/products/{id}.
     */
    public static Map<String, Pattern> paths(JsonNode document) {
        List<String> templates = new ArrayList<>(document.path("paths").propertyNames());
        templates.sort(Comparator.comparingLong((String p) -> p.chars().filter(c -> c == '{').count()).thenComparing(Comparator.naturalOrder()));
        Map<String, Pattern> paths = new LinkedHashMap<>();
        templates.forEach(t -> paths.put(t, Pattern.compile(Pattern.quote(t).replaceAll("\\{[^}]*}", "\\\\E[^/]+\\\\Q"))));
        return paths;
    }

    /** The first template that a concrete path matches. */
    public static Optional<String> template(Map<String, Pattern> paths, String path) {
        return paths.entrySet().stream().filter(t -> t.getValue().matcher(path).matches()).map(Map.Entry::getKey).findFirst();
    }

    /** Every operation of the document, as "GET /api/products/{id}". */
    public static Set<String> operations(JsonNode document) {
        Set<String> operations = new TreeSet<>();
        document.path("paths").properties().forEach(path -> {
            for (String method : METHODS) {
                if (path.getValue().has(method)) {
                    operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        });
        return operations;
    }

    /** Every documented answer of the given operations, as "GET /api/products/{id} 404". */
    public static Set<String> answers(JsonNode document, Set<String> operations) {
        Set<String> answers = new TreeSet<>();
        operations(document).stream().filter(operations::contains).forEach(operation -> {
            String[] methodAndPath = operation.split(" ", 2);
            document.path("paths").path(methodAndPath[1]).path(methodAndPath[0].toLowerCase(Locale.ROOT)).path("responses")
                    .propertyNames().forEach(status -> answers.add(operation + " " + status));
        });
        return answers;
    }

    /**
     * The document cut to the operations a side serves: other operations and emptied paths go, and
     * so does {@code servers}, so the document's own address is the side's.
     *
     * @param whole the whole contract, left as it is
     * @param served operations as {@link #operations} writes them; path variable names may differ
     */
    public static ObjectNode servedBy(ObjectNode whole, String side, Set<String> served) {
        Set<String> wanted = new TreeSet<>();
        served.forEach(operation -> wanted.add(normalise(operation)));
        ObjectNode document = whole.deepCopy();
        document.remove("servers");
        ((ObjectNode) document.get("info")).put("x-side", side);
        ObjectNode paths = (ObjectNode) document.get("paths");
        List<String> emptied = new ArrayList<>();
        paths.properties().forEach(path -> {
            ObjectNode item = (ObjectNode) path.getValue();
            METHODS.stream()
                    .filter(method -> item.has(method) && !wanted.contains(normalise(method.toUpperCase(Locale.ROOT) + " " + path.getKey())))
                    .toList()
                    .forEach(item::remove);
            if (METHODS.stream().noneMatch(item::has)) {
                emptied.add(path.getKey());
            }
        });
        paths.remove(emptied);
        return document;
    }

    /** "GET /api/products/{id}" with every path variable's name dropped, so names need not agree. */
    public static String normalise(String operation) {
        return operation.replaceAll("\\{[^}]*}", "{}");
    }
}
