package io.stranglerkit.proxy.web;

import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;

import java.net.StandardSocketOptions;

/**
 * Lets several proxy replicas listen on the same public port ({@code SO_REUSEPORT}): the kernel
 * spreads new connections over them, and when one replica dies the others keep the port open.
 * Only for the public server: each replica keeps its own admin and management ports.
 */
@Component
@ConditionalOnProperty(name = "proxy.reuse-port", havingValue = "true")
public class SharedPublicPort implements NettyServerCustomizer {

    @Override
    @SuppressWarnings("unchecked")
    public HttpServer apply(HttpServer server) {
        // Reactor Netty uses the native epoll transport on Linux when it can, Java NIO otherwise.
        ChannelOption<Boolean> reusePort = Epoll.isAvailable() ? EpollChannelOption.SO_REUSEPORT
                : (ChannelOption<Boolean>) (ChannelOption<?>) NioChannelOption.of(StandardSocketOptions.SO_REUSEPORT);
        return server.option(reusePort, true);
    }
}
