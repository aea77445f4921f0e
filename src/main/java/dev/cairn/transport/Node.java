package dev.cairn.transport;

import dev.cairn.auth.TokenSigner;
import dev.cairn.bus.RoomBus;
import dev.cairn.config.Settings;
import dev.cairn.presence.PresenceTracker;
import dev.cairn.room.RoomRules;
import dev.cairn.store.RoomStore;
import io.vertx.core.Vertx;

import java.time.Clock;

/**
 * The parts one event loop of a node works with; every field is owned by that event loop.
 * {@code nodeId} names the loop: in the welcome frame, and as its writer in the commit turn.
 */
record Node(String nodeId, Vertx vertx, Loop loop, Settings settings, Clock clock, TokenSigner signer, RoomRules rules,
            RoomStore store, RoomBus bus, PresenceTracker presence, StorageHealth health, Metrics metrics) {

    long now() {
        return clock.millis();
    }

    String writer() {
        return nodeId;
    }
}
