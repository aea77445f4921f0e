package dev.cairn.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The frames Cairn encodes once for many sockets, read back by Netty's own (client-side) decoder. */
class FramedTextTest {
    @Test
    void everyLengthFormReadsBackAsTheSameText() {
        // 7-bit, 16-bit and 64-bit payload lengths, at and around their edges, with 2-, 3- and 4-byte characters.
        for (int length : new int[] {0, 1, 125, 126, 127, 65_535, 65_536, 300_000}) {
            String text = text(length);
            ByteBuf frame = BoardSocket.textFrame(UnpooledByteBufAllocator.DEFAULT, text);
            EmbeddedChannel client = new EmbeddedChannel(new WebSocket13FrameDecoder(
                WebSocketDecoderConfig.newBuilder().expectMaskedFrames(false).maxFramePayloadLength(1 << 24).build()));
            assertTrue(client.writeInbound(frame), "a frame came out for " + length + " bytes");
            TextWebSocketFrame read = client.readInbound();
            assertTrue(read.isFinalFragment());
            assertEquals(text, read.text(), "the text of " + length + " bytes");
            read.release();
            client.finishAndReleaseAll();
        }
    }

    /** A string of exactly {@code bytes} UTF-8 bytes, mixing ASCII with multi-byte characters. */
    private static String text(int bytes) {
        StringBuilder out = new StringBuilder();
        int left = bytes;
        String[] pieces = {"a", "é", "€", "😀"};
        int i = 0;
        while (left > 0) {
            String piece = pieces[i++ % pieces.length];
            int size = piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (size > left) piece = "a".repeat(left);
            out.append(piece);
            left -= piece.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        return out.toString();
    }
}
