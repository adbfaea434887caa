package io.stranglerkit.proxy.admin;

import io.stranglerkit.proxy.ProxyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.RouterFunctions;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Serves the admin API on its own port (8180), bound to 127.0.0.1 by default, so it is never
 * reachable through the public proxy port.
 */
@Component
public class AdminServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    private final AdminHandlers handlers;
    private final ProxyProperties.Admin settings;
    private volatile DisposableServer server;

    public AdminServer(AdminHandlers handlers, ProxyProperties properties) {
        this.handlers = handlers;
        this.settings = properties.admin();
    }

    @Override
    public void start() {
        ReactorHttpHandlerAdapter handler = new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(handlers.router()));
        server = HttpServer.create()
                .host(settings.address())
                .port(settings.port())
                // One request per connection. Some answers complete on another thread (a commit, other
                // replicas' stats), and Reactor Netty 1.3.6 can stop reading a keep-alive connection whose next
                // request arrived before such an answer finished (reactor-netty#4361, fixed after the newest
                // release served here). Admin calls are rare: a connection each costs nothing.
                .handle((request, response) -> handler.apply(request, response.keepAlive(false)))
                .bindNow();
        log.info("admin API on http://{}:{}/admin/routes", settings.address(), server.port());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.disposeNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    public int port() {
        return server == null ? -1 : server.port();
    }
}
