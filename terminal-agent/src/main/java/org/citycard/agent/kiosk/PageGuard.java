package org.citycard.agent.kiosk;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Lets only the kiosk's own pages talk to the agent. Every request must name this server in {@code Host}
 * ({@code 127.0.0.1:port} or {@code localhost:port}: a DNS-rebound name is refused) and, when it carries an
 * {@code Origin}, come from {@code http://127.0.0.1:port} or {@code http://localhost:port}; a WebSocket upgrade must
 * carry such an Origin. A state-changing call (anything but GET/HEAD) must also send {@code application/json} and
 * the page's token ({@link PageTokens}). Refusals are 403 (415 for the content type) with a JSON error naming the
 * header, the value and the rule, and the request goes no further.
 */
final class PageGuard extends ChannelInboundHandlerAdapter {
    private static final Set<String> LOCAL_NAMES = Set.of("127.0.0.1", "localhost");
    private final PageTokens tokens;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    PageGuard(PageTokens tokens, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof FullHttpRequest req)) {
            ctx.fireChannelRead(msg);
            return;
        }
        int port = ((InetSocketAddress) ctx.channel().localAddress()).getPort();
        Refusal r = check(req, port);
        if (r == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        ReferenceCountUtil.release(msg);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", r.en());
        body.put("zh", r.zh());
        byte[] bytes = json.writeValueAsBytes(body);
        FullHttpResponse resp =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(), Unpooled.wrappedBuffer(bytes));
        resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        resp.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }

    record Refusal(HttpResponseStatus status, String en, String zh) {}

    Refusal check(FullHttpRequest req, int port) {
        String host = req.headers().get(HttpHeaderNames.HOST);
        if (host == null || !isSelf(host, port)) {
            return new Refusal(
                    HttpResponseStatus.FORBIDDEN,
                    "Host " + show(host) + " refused: the kiosk pages answer only to 127.0.0.1:" + port
                            + " or localhost:" + port,
                    "请求的主机名不是本机终端，已拒绝");
        }
        String origin = req.headers().get(HttpHeaderNames.ORIGIN);
        boolean upgrade = req.headers().containsValue(HttpHeaderNames.UPGRADE, "websocket", true);
        if (origin != null || upgrade) {
            if (origin == null || !isSelfOrigin(origin, port)) {
                return new Refusal(
                        HttpResponseStatus.FORBIDDEN,
                        "Origin " + show(origin) + " refused: only the kiosk's own pages (http://127.0.0.1:" + port
                                + " or http://localhost:" + port + ") may call the agent"
                                + (upgrade ? " or open /ws" : ""),
                        "请求不是来自本机终端页面，已拒绝");
            }
        }
        if (upgrade || req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD)) {
            return null;
        }
        String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
        String bare = type == null ? "" : type.split(";")[0].trim();
        if (!bare.equalsIgnoreCase("application/json")) {
            return new Refusal(
                    HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type " + show(type) + " refused: " + req.method() + " calls send application/json",
                    "请求格式不对（须为 application/json），已拒绝");
        }
        if (!tokens.valid(req.headers().get(PageTokens.HEADER))) {
            return new Refusal(
                    HttpResponseStatus.FORBIDDEN,
                    PageTokens.HEADER + " "
                            + (req.headers().contains(PageTokens.HEADER) ? "not one this agent issued" : "missing")
                            + ": a " + req.method() + " call sends the token the page was served with"
                            + " (reload the page)",
                    "页面凭证无效，请刷新页面");
        }
        return null;
    }

    private static boolean isSelf(String host, int port) {
        int colon = host.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String name = host.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        return LOCAL_NAMES.contains(name) && host.substring(colon + 1).equals(String.valueOf(port));
    }

    private static boolean isSelfOrigin(String origin, int port) {
        return origin.startsWith("http://") && isSelf(origin.substring("http://".length()), port);
    }

    /** A header value as a refusal quotes it: bounded, printable. */
    private static String show(String v) {
        if (v == null) {
            return "(none)";
        }
        String s = v.length() > 80 ? v.substring(0, 80) + "…" : v;
        return "\"" + s.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
