package org.citycard.clearing.iso;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultEventExecutorGroup;
import io.netty.util.concurrent.EventExecutorGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.citycard.clearing.config.CityCardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The ISO 8583 endpoint: TCP, each message behind a 2-byte big-endian length (what jPOS NACChannel sends, no
 * header), unpacked and answered by the {@link IsoDispatcher}. Database work runs on a separate executor group so
 * the I/O threads never block; messages of one connection are answered in order.
 *
 * <p>Bounded: at most {@code citycard.iso.max-connections} connections (one more is closed when accepted), a
 * connection silent for {@code citycard.iso.idle-seconds} is closed, frames are at most 65 535 bytes, and a peer
 * that does not read its answers is not read from (backpressure: reading stops while the channel's outbound buffer
 * is above its high-water mark and resumes below the low one), so a slow or hostile client cannot pile answers up
 * in the heap.
 */
@Component
public class IsoServer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IsoServer.class);
    private static final int MAX_FRAME = 0xFFFF;
    /** Outbound bytes queued on one connection before reading from it stops, and where it resumes. */
    static final int WRITE_HIGH_WATER = 64 * 1024;

    static final int WRITE_LOW_WATER = 16 * 1024;

    private final IsoDispatcher dispatcher;
    private final CityCardProperties.Iso settings;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup handlers;
    private Channel channel;
    private volatile int port = -1;

    private final ConnectionLimit limit;

    /** The server's TLS context when {@code citycard.iso.ssl-bundle} names a Spring Boot SSL bundle, else null. */
    private final javax.net.ssl.SSLContext tls;

    @org.springframework.beans.factory.annotation.Autowired
    public IsoServer(
            IsoDispatcher dispatcher,
            CityCardProperties properties,
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.ssl.SslBundles> bundles,
            @org.springframework.beans.factory.annotation.Value("${citycard.iso.ssl-bundle:}") String sslBundle) {
        this(dispatcher, properties.iso(), tls(bundles, sslBundle));
    }

    IsoServer(IsoDispatcher dispatcher, CityCardProperties.Iso settings) {
        this(dispatcher, settings, null);
    }

    IsoServer(IsoDispatcher dispatcher, CityCardProperties.Iso settings, javax.net.ssl.SSLContext tls) {
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.limit = new ConnectionLimit(settings.maxConnections());
        this.tls = tls;
    }

    private static javax.net.ssl.SSLContext tls(
            org.springframework.beans.factory.ObjectProvider<org.springframework.boot.ssl.SslBundles> bundles,
            String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return bundles.getObject().getBundle(name).createSslContext();
    }

    @Override
    public synchronized void start() {
        boss = new NioEventLoopGroup(1);
        workers = new NioEventLoopGroup(settings.ioThreads());
        handlers = new DefaultEventExecutorGroup(settings.handlerThreads());
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(
                        ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(WRITE_LOW_WATER, WRITE_HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("limit", limit);
                        if (tls != null) {
                            javax.net.ssl.SSLEngine engine = tls.createSSLEngine();
                            engine.setUseClientMode(false);
                            ch.pipeline().addLast("tls", new io.netty.handler.ssl.SslHandler(engine));
                        }
                        ch.pipeline()
                                .addLast("backpressure", new Backpressure())
                                .addLast("idle", new IdleStateHandler(settings.idleSeconds(), 0, 0, TimeUnit.SECONDS))
                                .addLast("frames", new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 2, 0, 2))
                                .addLast("length", new LengthFieldPrepender(2))
                                .addLast(handlers, "iso", new MessageHandler());
                    }
                });
        try {
            channel = b.bind(settings.host(), settings.port()).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the ISO 8583 port", e);
        }
        port = ((InetSocketAddress) channel.localAddress()).getPort();
        log.info("ISO 8583 endpoint listening on {}:{}{}", settings.host(), port, tls != null ? " (TLS)" : "");
    }

    @Override
    public synchronized void stop() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
            channel = null;
        }
        for (var group : new io.netty.util.concurrent.EventExecutorGroup[] {boss, workers, handlers}) {
            if (group != null) {
                group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
            }
        }
        port = -1;
    }

    @Override
    public boolean isRunning() {
        return channel != null;
    }

    /** Connections open now (at most {@code citycard.iso.max-connections}). */
    public int openConnections() {
        return limit.open.get();
    }

    /** The bound port (useful when configured as 0), or -1 when stopped. */
    public int port() {
        return port;
    }

    /** Counts open connections; one over the cap is closed at once (logged once per hundred refusals). */
    @ChannelHandler.Sharable
    static final class ConnectionLimit extends ChannelInboundHandlerAdapter {
        private final int max;
        final AtomicInteger open = new AtomicInteger();
        private final AtomicLong refused = new AtomicLong();

        ConnectionLimit(int max) {
            this.max = max;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (open.incrementAndGet() > max) {
                open.decrementAndGet();
                long n = refused.incrementAndGet();
                if (n % 100 == 1) {
                    log.warn(
                            "ISO 8583 connection from {} closed: {} connections open already (citycard.iso."
                                    + "max-connections); {} refused so far",
                            ctx.channel().remoteAddress(),
                            max,
                            n);
                }
                ctx.close();
                return;
            }
            ctx.channel().closeFuture().addListener(f -> open.decrementAndGet());
            ctx.fireChannelActive();
        }
    }

    /**
     * Stops reading from a connection while its answers are not being taken (the outbound buffer above its
     * high-water mark) and starts again once it has drained: requests wait in the peer's socket, not in our heap.
     */
    static final class Backpressure extends ChannelInboundHandlerAdapter {
        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            ctx.channel().config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }
    }

    private final class MessageHandler extends SimpleChannelInboundHandler<ByteBuf> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
            byte[] request = ByteBufUtil.getBytes(frame);
            byte[] answer =
                    dispatcher.handle(request, String.valueOf(ctx.channel().remoteAddress()));
            ctx.writeAndFlush(Unpooled.wrappedBuffer(answer));
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.info(
                    "ISO 8583 connection {} closed: {}",
                    ctx.channel().remoteAddress(),
                    cause.getClass().getSimpleName());
            ctx.close();
        }
    }
}
