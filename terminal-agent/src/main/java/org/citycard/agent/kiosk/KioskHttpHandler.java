package org.citycard.agent.kiosk;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.citycard.agent.session.EventBus;

/** Static pages, the JSON API and the WebSocket registration of one connection. */
final class KioskHttpHandler extends SimpleChannelInboundHandler<Object> {
    private static final Map<String, String> PAGES = Map.of(
            "/",
            "kiosk.html",
            "/kiosk",
            "kiosk.html",
            "/counter",
            "counter.html",
            "/app.js",
            "app.js",
            "/style.css",
            "style.css");
    private final KioskApi api;
    private final ChannelGroup sockets;
    /**
     * The events a page that connects gets again (the last one, for a page opened in the middle of a session):
     * prompts and states, never a citizen's data, which belongs to the citizen who was there.
     */
    private static final java.util.Set<String> REPLAYED =
            java.util.Set.of("pin", "armed", "idle", "host", "lists", "reader", "removed");

    private final EventBus events;
    private final PageTokens tokens;
    private final long pageIdleMs;

    KioskHttpHandler(KioskApi api, ChannelGroup sockets, EventBus events, PageTokens tokens, long pageIdleMs) {
        this.api = api;
        this.sockets = sockets;
        this.events = events;
        this.tokens = tokens;
        this.pageIdleMs = pageIdleMs;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            sockets.add(ctx.channel());
            var last = events.last();
            if (last != null && REPLAYED.contains(last.type())) {
                ctx.writeAndFlush(new TextWebSocketFrame(api.json().writeValueAsString(last)));
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof TextWebSocketFrame) {
            return; // the pages only listen on /ws; actions go through the JSON API
        }
        if (!(msg instanceof FullHttpRequest req)) {
            return;
        }
        String path = req.uri().split("\\?")[0];
        if (req.method().equals(HttpMethod.GET) && PAGES.containsKey(path)) {
            String file = PAGES.get(path);
            try (InputStream in = getClass().getResourceAsStream("web/" + file)) {
                if (in == null) {
                    send(
                            ctx,
                            HttpResponseStatus.NOT_FOUND,
                            "text/plain",
                            ("missing " + file).getBytes(StandardCharsets.UTF_8));
                    return;
                }
                byte[] bytes = in.readAllBytes();
                if (file.endsWith(".html")) {
                    // the page's own token and idle time, issued with the page
                    bytes = new String(bytes, StandardCharsets.UTF_8)
                            .replace("{{pageToken}}", tokens.issue())
                            .replace("{{pageIdleMs}}", String.valueOf(pageIdleMs))
                            .getBytes(StandardCharsets.UTF_8);
                }
                send(ctx, HttpResponseStatus.OK, type(file), bytes);
            }
            return;
        }
        if (path.startsWith("/api/")) {
            KioskApi.Reply r;
            try {
                r = api.handle(req.method().name(), path, req.content().toString(StandardCharsets.UTF_8));
            } catch (IllegalArgumentException | IOException e) {
                r = new KioskApi.Reply(400, Map.of("error", e.getMessage()));
            }
            send(
                    ctx,
                    HttpResponseStatus.valueOf(r.status()),
                    "application/json; charset=utf-8",
                    api.json().writeValueAsBytes(r.body()));
            return;
        }
        send(
                ctx,
                HttpResponseStatus.NOT_FOUND,
                "text/plain; charset=utf-8",
                ("no page " + path + " — try /kiosk or /counter").getBytes(StandardCharsets.UTF_8));
    }

    private static String type(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        return "text/css; charset=utf-8";
    }

    private static void send(ChannelHandlerContext ctx, HttpResponseStatus status, String type, byte[] body) {
        ByteBuf buf = Unpooled.wrappedBuffer(body);
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, buf);
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        // no other page may frame the kiosk's (clickjacking) or be told where the citizen came from
        resp.headers().set("X-Frame-Options", "DENY");
        resp.headers().set("Content-Security-Policy", "frame-ancestors 'none'");
        resp.headers().set("Referrer-Policy", "no-referrer");
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }
}
