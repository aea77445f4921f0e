package dev.cairn.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.http.impl.LeanWebSocketUpgrade;

import java.util.concurrent.TimeUnit;

/**
 * One board's WebSocket as a plain Netty handler, the last in its channel's pipeline after
 * Netty's frame codec. It puts messages together from their frames (at most {@code maxMessageBytes}),
 * answers pings, keeps the closing handshake, and hands whole messages to its {@link Listener}.
 * Every method runs on the channel's event loop, which is the Vert.x event loop that accepted the
 * socket; the handler holds nothing per socket beyond a few fields, so an idle board costs little.
 */
final class BoardSocket extends ChannelInboundHandlerAdapter {
    /** How long a close we started waits for the other side's close frame before the TCP connection goes. */
    private static final long CLOSE_WAIT_MS = 2_000;

    /** What the board's connection hears from its socket (on the socket's event loop). */
    interface Listener {
        /** A whole message; {@code text} says which kind; the buffer is released after the call. */
        void onMessage(boolean text, ByteBuf content);

        void onPong();

        /** A frame or message over the size limit: the socket is to be closed with 1009. */
        void onTooLarge();

        /** The TCP connection is gone (after a closing handshake or not). */
        void onClosed();
    }

    private final int maxMessageBytes;
    private final LeanWebSocketUpgrade.Installed installed;
    private Listener listener;
    private ChannelHandlerContext ctx;
    private CompositeByteBuf partial;
    private boolean partialIsText;
    private boolean closeSent;
    private boolean gone;
    private ChannelFuture closing;
    /** The context of Netty's frame encoder: a write there goes straight to the socket, already framed. */
    private ChannelHandlerContext framed;

    BoardSocket(int maxMessageBytes, LeanWebSocketUpgrade.Installed installed) {
        this.maxMessageBytes = maxMessageBytes;
        this.installed = installed;
    }

    void listen(Listener listener) {
        this.listener = listener;
    }

    Channel channel() {
        return ctx.channel();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Once the handshake has put the frame codec in place (the upgrade is complete). */
    void ready() {
        framed = ctx.pipeline().context(WebSocketFrameEncoder.class);
    }

    boolean isClosed() {
        return gone || closeSent || !ctx.channel().isActive();
    }

    // ---- inbound ---------------------------------------------------------------------------

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof WebSocketFrame frame)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                data(frame, false);
            } else if (frame instanceof ContinuationWebSocketFrame) {
                data(frame, true);
            } else if (frame instanceof PingWebSocketFrame) {
                if (!closeSent) ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof PongWebSocketFrame) {
                if (listener != null) listener.onPong();
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeReceived(close);
            }
        } finally {
            frame.release();
        }
    }

    private void data(WebSocketFrame frame, boolean continuation) {
        if (closeSent || listener == null) return;
        if (!continuation && frame.isFinalFragment()) {
            // The usual case, a message in one frame: nothing to put together.
            dropPartial();
            listener.onMessage(frame instanceof TextWebSocketFrame, frame.content());
            return;
        }
        if (!continuation) {
            dropPartial();
            partial = ctx.alloc().compositeBuffer();
            partialIsText = frame instanceof TextWebSocketFrame;
        } else if (partial == null) {
            return;
        }
        partial.addComponent(true, frame.content().retain());
        if (partial.readableBytes() > maxMessageBytes) {
            dropPartial();
            listener.onTooLarge();
            return;
        }
        if (!frame.isFinalFragment()) return;
        CompositeByteBuf whole = partial;
        partial = null;
        try {
            listener.onMessage(partialIsText, whole);
        } finally {
            whole.release();
        }
    }

    private void dropPartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    /** The other side closes, or answers our close: echo its code once, then end the TCP connection. */
    private void closeReceived(CloseWebSocketFrame close) {
        if (closeSent) {
            ctx.close();
            return;
        }
        closeSent = true;
        int code = close.statusCode();
        CloseWebSocketFrame echo = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
        closing = ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            if (corrupt.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code() && listener != null) {
                listener.onTooLarge();
            } else {
                close(corrupt.closeStatus().code(), "protocol error");
            }
            return;
        }
        // A reset or broken pipe: the peer is gone; nothing to tell it.
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (gone) return;
        gone = true;
        dropPartial();
        installed.closed();
        if (listener != null) listener.onClosed();
    }

    // ---- outbound --------------------------------------------------------------------------

    /**
     * Writes bytes that are already a whole WebSocket text frame ({@link #textFrame}), released by
     * Netty once written. A server's frames are not masked, so one framed buffer serves every
     * socket that gets the same frame; it goes past the frame encoder, straight to the socket.
     */
    ChannelFuture writeFramed(ByteBuf frame) {
        return framed != null ? framed.writeAndFlush(frame) : ctx.writeAndFlush(frame);
    }

    /** Writes one text frame of {@code text}. */
    ChannelFuture writeText(String text) {
        return writeFramed(textFrame(ctx.alloc(), text));
    }

    /**
     * {@code text} as one final, unmasked WebSocket text frame (RFC 6455, section 5.2): the
     * header with the payload length in 7, 16 or 64 bits, then the UTF-8 bytes.
     */
    static ByteBuf textFrame(ByteBufAllocator alloc, String text) {
        int utf8 = ByteBufUtil.utf8Bytes(text);
        int header = utf8 <= 125 ? 2 : utf8 <= 0xFFFF ? 4 : 10;
        ByteBuf out = alloc.directBuffer(header + utf8);
        out.writeByte(0x81);
        if (utf8 <= 125) {
            out.writeByte(utf8);
        } else if (utf8 <= 0xFFFF) {
            out.writeByte(126);
            out.writeShort(utf8);
        } else {
            out.writeByte(127);
            out.writeLong(utf8);
        }
        ByteBufUtil.reserveAndWriteUtf8(out, text, utf8);
        return out;
    }

    void ping() {
        if (!closeSent) ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(PING)));
    }

    private static final byte[] PING = {'p'};

    /**
     * Starts the closing handshake with {@code code}; the TCP connection ends when the other side
     * answers, or after {@link #CLOSE_WAIT_MS}. Completes when the close frame is written.
     */
    ChannelFuture close(int code, String reason) {
        if (closing != null) return closing;
        if (gone || !ctx.channel().isActive()) return ctx.channel().closeFuture();
        closeSent = true;
        closing = ctx.writeAndFlush(new CloseWebSocketFrame(code, reason));
        Channel channel = ctx.channel();
        channel.eventLoop().schedule(() -> {
            if (channel.isActive()) channel.close();
        }, CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        return closing;
    }
}
