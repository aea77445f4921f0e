package io.vertx.core.http.impl;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.VertxHandler;
import io.vertx.core.spi.metrics.TCPMetrics;

import java.util.function.Function;

/**
 * Cairn's one reach into Vert.x internals (Vert.x 5.0.x; it lives in Vert.x's package because the
 * pieces it needs are package-private there). It upgrades an HTTP/1.1 request to a WebSocket the
 * way Vert.x's own handshake does (the same checks and 101 answer, the request's metrics ended)
 * and then puts the caller's Netty handler where Vert.x would put its {@code ServerWebSocket}: the
 * channel keeps running on the same event loop, with Netty's frame codec and nothing else. That
 * costs a fraction of the memory of Vert.x's socket per idle connection and lets a frame encoded
 * once be written to many channels.
 */
public final class LeanWebSocketUpgrade {
    private LeanWebSocketUpgrade() {
    }

    /** What the handler needs to know of the connection it took over. */
    public interface Installed {
        /** Call once when the channel has closed: the connection's TCP metrics count it gone. */
        void closed();
    }

    /**
     * On the request's event loop: completes with the channel once the 101 answer is written and
     * {@code handler} is the channel's last handler, or fails after answering the client (400,
     * 405, 426) when the request is not a valid WebSocket upgrade.
     */
    public static Future<Channel> upgrade(HttpServerRequest request, Function<Installed, ChannelHandler> handler) {
        Http1xServerRequest req = (Http1xServerRequest) request;
        Http1xServerConnection conn = (Http1xServerConnection) req.connection();
        // Reads the (empty) body, builds the full request and keeps the connection open after the 101.
        return req.webSocketHandshake().compose(ignored -> {
            WebSocketServerHandshaker handshaker;
            try {
                handshaker = conn.createHandshaker(req);
            } catch (WebSocketHandshakeException e) {
                return Future.failedFuture(e);
            }
            Channel channel = conn.channelHandlerContext().channel();
            handshaker.handshake(channel, (FullHttpRequest) req.nettyRequest(), null, channel.newPromise());
            req.response().completeHandshake();
            ChannelPipeline pipeline = channel.pipeline();
            ChannelHandler compressor = pipeline.get(HttpChunkContentCompressor.class);
            if (compressor != null) pipeline.remove(compressor);
            // Vert.x's handler for sending files: a WebSocket has no use for it, and every write would pass it.
            if (pipeline.get("chunkedWriter") != null) pipeline.remove("chunkedWriter");
            TCPMetrics<Object> metrics = conn.metrics();
            Object metric = conn.metric();
            var remote = conn.remoteAddress();
            Installed installed = () -> {
                if (metrics != null) metrics.disconnected(metric, remote);
            };
            pipeline.replace(VertxHandler.class, "handler", handler.apply(installed));
            return Future.succeededFuture(channel);
        });
    }
}
