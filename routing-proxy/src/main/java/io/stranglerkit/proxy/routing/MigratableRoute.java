package io.stranglerkit.proxy.routing;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One migratable route, compiled once at start-up. Its split is one atomic reference, so the hot
 * path reads it without locks and an admin change is visible to the next request.
 */
public final class MigratableRoute {

    /** What the admin API can change; immutable so that percent and stickiness change together. */
    public record Split(int servicePercent, boolean sticky) {
    }

    private final String id;
    private final String service;
    private final String serviceBaseUrl;
    private final Set<HttpMethod> methods;
    private final List<PathPattern> paths;
    private final AtomicReference<Split> split;

    public MigratableRoute(String id, String service, URI serviceUrl, Set<HttpMethod> methods, List<PathPattern> paths, Split initial) {
        this.id = id;
        this.service = service;
        this.serviceBaseUrl = stripTrailingSlash(serviceUrl.toString());
        this.methods = Set.copyOf(methods);
        this.paths = List.copyOf(paths);
        this.split = new AtomicReference<>(initial);
    }

    public boolean matches(HttpMethod method, PathContainer path) {
        if (!methods.contains(method)) {
            return false;
        }
        for (PathPattern pattern : paths) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    public String id() {
        return id;
    }

    public String service() {
        return service;
    }

    public String serviceBaseUrl() {
        return serviceBaseUrl;
    }

    public Set<HttpMethod> methods() {
        return methods;
    }

    public List<String> pathPatterns() {
        return paths.stream().map(PathPattern::getPatternString).toList();
    }

    public Split split() {
        return split.get();
    }

    /** @return the split before the change */
    public Split change(Split next) {
        return split.getAndSet(next);
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
