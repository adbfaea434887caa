package bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;

/**
 * What an HTTP proxy costs on plain Netty, without a framework: requests are decoded and encoded as
 * HTTP (so a router could read method, path and headers) and relayed to a backend connection that
 * belongs to the client's connection and lives on the same event loop. No routing, no filters.
 * Usage: NettyHttpForwarder <port> <backend host> <backend port>
 */
public class NettyHttpForwarder {

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String backendHost = args[1];
        int backendPort = Integer.parseInt(args[2]);
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(EpollIoHandler.newFactory());
        new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel client) {
                        client.config().setAutoRead(false);
                        Channel backend = new Bootstrap().group(client.eventLoop()).channel(EpollSocketChannel.class)
                                .handler(new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel ch) {
                                        ch.pipeline().addLast(new HttpClientCodec(), new Relay(client));
                                    }
                                })
                                .connect(backendHost, backendPort)
                                .addListener(f -> {
                                    if (f.isSuccess()) {
                                        client.config().setAutoRead(true);
                                    } else {
                                        client.close();
                                    }
                                })
                                .channel();
                        client.pipeline().addLast(new HttpServerCodec(), new Relay(backend));
                    }
                })
                .bind("127.0.0.1", port).sync().channel().closeFuture().sync();
    }

    /** Writes what one side decodes to the other side; flushes once per read, closes together. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel other;

        Relay(Channel other) {
            this.other = other;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (other.isActive()) {
                other.write(msg, other.voidPromise());
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            other.flush();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            other.close();
        }
    }
}
