package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Modules;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.store.LoadedRoom;

import java.util.ArrayList;
import java.util.List;

/**
 * One node's copy of a room: its state and its newest events. Applies frames strictly in seq
 * order and says when one does not fit: a gap (fetch what is missing) or a frame for a seq it
 * already has but with other content (this copy and Redis disagree: reload).
 */
final class Replica {
    /** What became of one frame offered to the replica. */
    enum Fit { APPLIED, KNOWN, GAP, DIVERGED }

    private final String id;
    private final EventRing ring;
    private RoomState state;

    Replica(String id, int window) {
        this.id = id;
        this.ring = new EventRing(window);
    }

    RoomState state() {
        return state;
    }

    boolean loaded() {
        return state != null;
    }

    long seq() {
        return state.seq();
    }

    /** Starts over from what the store read: the snapshot, then the archived frames after it. */
    void init(LoadedRoom loaded) {
        RoomState base = loaded.snapshotJson() == null ? RoomState.empty(id) : Wire.decodeState(loaded.snapshotJson());
        ring.clear();
        for (String json : loaded.frames()) {
            Sequenced event = Wire.decodeEvent(Wire.tree(json));
            if (event.seq() == base.seq() + 1) base = base.apply(event);
            if (event.seq() <= base.seq()) ring.add(Entry.of(json, event));
        }
        state = base;
    }

    /** Offers one frame; {@code entry} out-parameter receives the applied entry. */
    Fit offer(String json, JsonNode frame, List<Entry> applied) {
        long seq = frame.get("seq").asLong();
        if (seq <= state.seq()) {
            Entry known = ring.get(seq);
            return known == null || known.json().equals(json) ? Fit.KNOWN : Fit.DIVERGED;
        }
        if (seq != state.seq() + 1) return Fit.GAP;
        Entry entry = Entry.of(json, Wire.decodeEvent(frame));
        apply(entry);
        applied.add(entry);
        return Fit.APPLIED;
    }

    /**
     * Applies an event (committed by this node or another). Sealed events it erases are kept from
     * then on in their archived form only, here as in Redis.
     */
    void apply(Entry entry) {
        List<Long> erased = Modules.erasedBy(entry.event(), state);
        state = state.apply(entry.event());
        ring.add(entry);
        for (long seq : erased) {
            Entry sealed = ring.get(seq);
            Sequenced archived = sealed == null ? null : Modules.archivedForm(sealed.event());
            if (archived != null) ring.replace(Entry.of(Wire.encode(archived), archived));
        }
    }

    Entry entry(long seq) {
        return ring.get(seq);
    }

    /** Whether the replay window still holds every event after {@code seq}. */
    boolean canReplayFrom(long seq) {
        return seq == state.seq() || (seq < state.seq() && seq >= ring.first() - 1);
    }

    List<Entry> after(long seq) {
        return ring.after(seq);
    }

    /**
     * Committed events after {@code seq} from the replay window, then {@code tentative} ones decided
     * earlier in the same batch: what an OT rule transforms a client's op against.
     */
    List<Sequenced> since(long seq, List<Sequenced> tentative) {
        if (seq + 1 < ring.first() && seq < state.seq()) {
            throw Rejection.conflict("based on event " + seq + ", older than this room keeps (" + ring.first() + "); resync");
        }
        List<Sequenced> all = new ArrayList<>();
        for (Entry e : ring.after(seq)) all.add(e.event());
        for (Sequenced e : tentative) if (e.seq() > seq) all.add(e);
        return all;
    }
}
