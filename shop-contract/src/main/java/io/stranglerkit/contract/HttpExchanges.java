package io.stranglerkit.contract;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Exchanges made with java.net.http, for the integration tests and {@code kit verify contract}. */
public final class HttpExchanges {

    private HttpExchanges() {
    }

    /** The request's body publisher cannot be read back, so the caller passes the body it sent. */
    public static Exchange of(HttpRequest request, String requestBody, HttpResponse<String> response) {
        URI uri = request.uri();
        return new Exchange(request.method(), uri.getRawPath() == null ? "/" : decode(uri.getRawPath().replace("+", "%2B")), query(uri.getRawQuery()),
                request.headers().map(), requestBody, response.statusCode(), response.headers().map(), response.body());
    }

    static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** In a query '+' is a space, as the servers read it; in a path it is itself (callers escape it first). */
    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
