package io.stranglerkit.contract;

import java.util.List;
import java.util.Map;

/**
 * One request and the answer it got, as the contract sees them: no transport, so the same check
 * runs on a MockMvc result, a java.net.http exchange or a sample taken through the proxy.
 *
 * @param query decoded query parameters
 * @param requestBody null when none was sent
 * @param responseBody null or empty when none came back
 */
public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, List<String>> requestHeaders,
                       String requestBody, int status, Map<String, List<String>> responseHeaders, String responseBody) {

    /** "GET /api/products/7?size=5 -> 200", for reports. */
    public String describe() {
        StringBuilder text = new StringBuilder(method).append(' ').append(path);
        if (!query.isEmpty()) {
            text.append('?');
            query.forEach((name, values) -> values.forEach(value -> text.append(name).append('=').append(value).append('&')));
            text.setLength(text.length() - 1);
        }
        return text.append(" -> ").append(status).toString();
    }
}
