package org.citycard.agent.kiosk;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.citycard.dictionary.wire.TerminalType;

/**
 * The routes of the pages this terminal's type offers (the dictionary's terminal-type table, DESIGN §3.8): the
 * counter page and {@code POST /api/load} only where the type may send a load (0100: counters and load machines),
 * so a kiosk has no counter page and arms no load. Any other route goes on to the pages' handler. A route the
 * type does not offer answers 404, as a route that does not exist.
 */
@ChannelHandler.Sharable
final class TypeRoutes extends ChannelInboundHandlerAdapter {
    private static final String LOAD_AUTHORISATION = "0100";
    /** Route (method and path) → the MTI the type must be allowed to send for the route to exist. */
    private static final Map<String, String> NEEDS = Map.of(
            "GET /counter", LOAD_AUTHORISATION,
            "POST /api/load", LOAD_AUTHORISATION);

    private final TerminalType type;

    TypeRoutes(TerminalType type) {
        this.type = type;
    }

    /** True when this terminal's type offers the route. */
    boolean offers(HttpMethod method, String path) {
        String mti = NEEDS.get(method.name() + " " + path);
        return mti == null || type.maySend(mti);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest req) {
            String path = req.uri().split("\\?")[0];
            if (!offers(req.method(), path)) {
                ReferenceCountUtil.release(msg);
                byte[] body = ("{\"error\":\"this terminal is a " + type.label() + ": it does not offer "
                                + req.method().name() + " " + path + " (loads only at counters and load machines)\"}")
                        .getBytes(StandardCharsets.UTF_8);
                FullHttpResponse resp = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.wrappedBuffer(body));
                resp.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                resp.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
                ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }
}
