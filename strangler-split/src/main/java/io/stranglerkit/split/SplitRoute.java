package io.stranglerkit.split;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One gateway route that carries a {@code StranglerSplit} filter: which service takes over its
 * requests, and its current split. The split is one atomic reference, so the hot path reads it
 * without locks and a change is visible to the next request.
 */
public final class SplitRoute {

    private final String id;
    private final String service;
    private final String serviceBaseUrl;
    private final AtomicReference<Split> split;

    SplitRoute(String id, String service, URI serviceUri, Split initial) {
        this.id = id;
        this.service = service;
        String url = serviceUri.toString();
        this.serviceBaseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.split = new AtomicReference<>(initial);
    }

    public String id() {
        return id;
    }

    /** The name of the service, as X-Served-By says it. */
    public String service() {
        return service;
    }

    public String serviceBaseUrl() {
        return serviceBaseUrl;
    }

    public Split split() {
        return split.get();
    }

    /** @return the split before the change */
    public Split change(Split next) {
        return split.getAndSet(next);
    }

    /** The request's own path and query on the service: no re-encoding, nothing else copied. */
    public URI serviceUrl(URI requestUrl) {
        String query = requestUrl.getRawQuery();
        return URI.create(serviceBaseUrl + requestUrl.getRawPath() + (query == null ? "" : "?" + query));
    }
}
