package org.citycard.agent.kiosk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import org.citycard.agent.runtime.TerminalAgent;
import org.citycard.agent.session.AgentEvent;
import org.citycard.dictionary.wire.TerminalType;

/**
 * The kiosk and counter pages on localhost (Netty HTTP + WebSocket): static pages, a small JSON API that arms
 * the next tap (bill payment, load, PIN), and every agent event pushed live on {@code /ws}. Only the pages' own
 * origin is served ({@link PageGuard}): Host and Origin checked, JSON and the page's token on every state-changing
 * call, the WebSocket's Origin checked.
 */
public final class KioskServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KioskServer.class.getName());
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ChannelGroup sockets = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ObjectMapper json = new ObjectMapper();
    private final Channel server;
    private final Runnable unsubscribe;

    private final HostWatch hostWatch;

    /**
     * Settings of the pages.
     *
     * @param hostCheckMs how often the server is echoed for the host status (out of service when it does not answer)
     * @param simSlot the simulated card reader the page may empty and fill again; null on real readers
     * @param pageIdleMs how long a page shows anything but its start screen without a touch or an event before it
     *     clears every citizen's panel and goes back to the start
     */
    public record Options(long hostCheckMs, CardSlot simSlot, long pageIdleMs) {
        public static final long PAGE_IDLE_MS = 60_000;

        public Options {
            if (pageIdleMs < 1_000) {
                throw new IllegalArgumentException(
                        "pageIdleMs " + pageIdleMs + ": give at least 1000 ms (default " + PAGE_IDLE_MS + ")");
            }
        }

        public Options(long hostCheckMs, CardSlot simSlot) {
            this(hostCheckMs, simSlot, PAGE_IDLE_MS);
        }

        public static Options defaults() {
            return new Options(10_000, null);
        }
    }

    private KioskServer(TerminalAgent agent, int port, Options options, TerminalType type) throws InterruptedException {
        TypeRoutes routes = new TypeRoutes(type);
        this.hostWatch = new HostWatch(agent, options.hostCheckMs());
        KioskApi api = new KioskApi(agent, json, hostWatch, options.simSlot());
        PageTokens tokens = new PageTokens();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new PageGuard(tokens, json))
                                .addLast(new WebSocketServerProtocolHandler("/ws", null, true))
                                .addLast(routes)
                                .addLast(new KioskHttpHandler(
                                        api, sockets, agent.events(), tokens, options.pageIdleMs()));
                    }
                });
        this.server = b.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        this.unsubscribe = agent.events().subscribe(this::push);
        LOG.log(System.Logger.Level.INFO, "pages on http://127.0.0.1:{0}/kiosk", String.valueOf(port()));
    }

    /** Serves the pages on 127.0.0.1:{@code port} (0: any free port), every route (a counter's). */
    public static KioskServer start(TerminalAgent agent, int port) throws InterruptedException {
        return new KioskServer(agent, port, Options.defaults(), TerminalType.COUNTER);
    }

    /** As {@link #start(TerminalAgent, int)}, with these settings. */
    public static KioskServer start(TerminalAgent agent, int port, Options options) throws InterruptedException {
        return new KioskServer(agent, port, options, TerminalType.COUNTER);
    }

    /**
     * As {@link #start(TerminalAgent, int, Options)}, offering only the routes of this terminal type ({@link
     * TypeRoutes}: a kiosk has no counter page and no {@code /api/load}).
     */
    public static KioskServer start(TerminalAgent agent, int port, Options options, TerminalType type)
            throws InterruptedException {
        return new KioskServer(agent, port, options, type);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private void push(AgentEvent e) {
        if (sockets.isEmpty()) {
            return;
        }
        try {
            sockets.writeAndFlush(new TextWebSocketFrame(json.writeValueAsString(e)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            LOG.log(System.Logger.Level.WARNING, "event " + e.type() + " not pushed", ex);
        }
    }

    @Override
    public void close() {
        hostWatch.close();
        unsubscribe.run();
        sockets.close().awaitUninterruptibly();
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
