package dev.cairn.transport;

import dev.cairn.room.Modules;
import dev.cairn.room.Sequenced;

/**
 * One committed event, decoded and as its frame (the exact string Redis archived and published),
 * kept for replay, for rules that look back, and to tell a copy that diverged from one that did not.
 */
record Entry(long seq, String json, Sequenced event, boolean isPrivate) {

    static Entry of(String json, Sequenced event) {
        return new Entry(event.seq(), json, event, Modules.forEvent(event.event()).hasPrivateParts());
    }
}
