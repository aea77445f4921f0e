package dev.cairn.transport;

import dev.cairn.room.History;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import io.vertx.core.Promise;

import java.util.List;
import java.util.function.BiFunction;

/**
 * A change waiting to be committed to a live room: who asks, the client message id that makes a
 * re-send recognisable (or null), and the rules that turn the current state (and the recent
 * events) into new events. {@code result} completes with the room's sequence number after it.
 */
record Submission(String actorId, String clientId, BiFunction<RoomState, History, List<RoomEvent>> decide,
                  Promise<Long> result) {

    static Submission of(String actorId, String clientId, BiFunction<RoomState, History, List<RoomEvent>> decide) {
        return new Submission(actorId, clientId, decide, Promise.promise());
    }
}
