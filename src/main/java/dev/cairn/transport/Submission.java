package dev.cairn.transport;

import dev.cairn.protocol.ClientId;
import dev.cairn.room.History;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import io.vertx.core.Promise;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A change waiting to be committed to a live room: who asks, the client message id that makes a
 * re-send recognisable (or null), and the rules that turn the current state (and the recent
 * events) into new events. {@code result} completes, on the room's loop, with the room's sequence
 * number after it.
 */
record Submission(String actorId, String clientId, ClientId parsed,
                  BiFunction<RoomState, History, List<RoomEvent>> decide, Promise<Long> result) {

    static Submission of(String actorId, String clientId, BiFunction<RoomState, History, List<RoomEvent>> decide) {
        return new Submission(actorId, clientId, ClientId.parse(clientId), decide, Promise.promise());
    }

    /** Whether this and {@code other} come from the same member under the same client tag. */
    boolean sameTag(String memberId, String tag) {
        return parsed != null && actorId.equals(memberId) && parsed.tag().equals(tag);
    }
}
