package org.citycard.clearing.iso;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
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
import org.citycard.clearing.config.CityCardProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The ISO 8583 endpoint: TCP, each message behind a 2-byte big-endian length (what jPOS NACChannel sends, no
 * header), unpacked and answered by the {@link IsoDispatcher}. Database work runs on a separate executor group so
 * the I/O threads never block; messages of one connection are answered in order.
 */
@Component
public class IsoServer implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(IsoServer.class);
    private static final int MAX_FRAME = 0xFFFF;

    private final IsoDispatcher dispatcher;
    private final CityCardProperties.Iso settings;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private EventExecutorGroup handlers;
    private Channel channel;
    private volatile int port = -1;

    public IsoServer(IsoDispatcher dispatcher, CityCardProperties properties) {
        this.dispatcher = dispatcher;
        this.settings = properties.iso();
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
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
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
        log.info("ISO 8583 endpoint listening on {}:{}", settings.host(), port);
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

    /** The bound port (useful when configured as 0), or -1 when stopped. */
    public int port() {
        return port;
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
