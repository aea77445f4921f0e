package dev.cairn.room;

import java.util.Map;

/** An ephemeral message a board sends to the others (a caret): validated, relayed, never stored. */
public interface Signal {

    /**
     * What the core relays: a frame of {@code type} with {@code fields}, to which it adds the
     * sender's {@code memberId} and {@code conn}. When the sender's board closes, the core relays
     * {@code {type, memberId, conn, gone: true}} once for every signal type it had relayed.
     */
    record Relay(String type, Map<String, Object> fields) {
    }
}
