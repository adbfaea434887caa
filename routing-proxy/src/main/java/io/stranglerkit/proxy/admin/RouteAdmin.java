package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.ProxyProperties;
import io.stranglerkit.proxy.routing.RouteStore;
import io.stranglerkit.split.Split;
import io.stranglerkit.split.SplitRoute;
import io.stranglerkit.split.SplitRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Changes a route's split: saved first, applied second, audited last. If saving fails nothing
 * changes, so a reported change is always one that survives a restart.
 */
@Component
public class RouteAdmin {

    private static final Logger audit = LoggerFactory.getLogger("audit");
    private final SplitRoutes routes;
    private final RouteStore store;
    private final Path auditFile;

    public RouteAdmin(SplitRoutes routes, RouteStore store, ProxyProperties properties) {
        this.routes = routes;
        this.store = store;
        this.auditFile = properties.dataDir().resolve("audit.log").toAbsolutePath();
    }

    public synchronized SplitRoute change(SplitRoute route, Integer servicePercent, Boolean sticky, String actor,
                                               String correlationId) {
        Split old = route.split();
        Split next = new Split(servicePercent == null ? old.servicePercent() : servicePercent,
                sticky == null ? old.sticky() : sticky);
        Map<String, Split> all = new LinkedHashMap<>(routes.splits());
        all.put(route.id(), next);
        store.save(all);
        route.change(next);
        String line = String.format("{\"at\":\"%s\",\"route\":\"%s\",\"by\":\"%s\",\"correlationId\":\"%s\","
                        + "\"servicePercent\":[%d,%d],\"sticky\":[%b,%b]}",
                Instant.now(), route.id(), actor.replace("\"", "'"), correlationId,
                old.servicePercent(), next.servicePercent(), old.sticky(), next.sticky());
        audit.info("route {} changed by {}: servicePercent {} -> {}, sticky {} -> {} [{}]", route.id(), actor,
                old.servicePercent(), next.servicePercent(), old.sticky(), next.sticky(), correlationId);
        try {
            Files.writeString(auditFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("route changed, but the audit log " + auditFile + " could not be written", e);
        }
        return route;
    }
}
