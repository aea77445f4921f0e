package dev.cairn.room;

import java.util.HashMap;
import java.util.Map;

/**
 * A room's state at sequence number {@code seq}: what a snapshot holds. The room itself and who is
 * in it ({@code title}, {@code createdAt}, {@code members}: the membership module's part) are core
 * fields; every other module keeps its part in {@code parts} under its key (left out while it
 * equals the module's initial part). Immutable;
 * {@link #apply} returns the state after one more event, so every node that applies the same log
 * agrees.
 */
public record RoomState(String id, long seq, String title, long createdAt, Map<String, Member> members,
                        Map<String, Object> parts) {

    public RoomState {
        members = Map.copyOf(members);
        parts = Map.copyOf(withoutInitial(parts));
    }

    /** A part equal to its module's initial one is left out, so equal rooms are equal records. */
    private static Map<String, Object> withoutInitial(Map<String, Object> parts) {
        Map<String, Object> kept = null;
        for (Map.Entry<String, Object> part : parts.entrySet()) {
            Module<?> module = Modules.byKey(part.getKey());
            if (module != null && module.initial().equals(part.getValue())) {
                if (kept == null) kept = new HashMap<>(parts);
                kept.remove(part.getKey());
            }
        }
        return kept == null ? parts : kept;
    }

    /** The state of a room that does not exist yet: sequence 0. */
    public static RoomState empty(String id) {
        return new RoomState(id, 0, null, 0, Map.of(), Map.of());
    }

    public boolean exists() {
        return seq > 0;
    }

    public Member member(String memberId) {
        return members.get(memberId);
    }

    /** Members who have not been removed. */
    public long memberCount() {
        return members.values().stream().filter(m -> m.role().isMember()).count();
    }

    public long facilitatorCount() {
        return members.values().stream().filter(m -> m.role() == Role.FACILITATOR).count();
    }

    /** A module's part, or its initial part if the room has had none of its events yet. */
    public <S> S part(Module<S> module) {
        Object part = parts.get(module.key());
        return part == null ? module.initial() : module.stateType().cast(part);
    }

    RoomState withPart(String key, Object part) {
        Map<String, Object> next = new HashMap<>(parts);
        next.put(key, part);
        return new RoomState(id, seq, title, createdAt, members, next);
    }

    RoomState withRoom(String newTitle, long newCreatedAt, Map<String, Member> newMembers) {
        return new RoomState(id, seq, newTitle, newCreatedAt, newMembers, parts);
    }

    /** The state after {@code event}; its sequence number must be the next one. */
    public RoomState apply(Sequenced event) {
        if (event.seq() != seq + 1) {
            throw new IllegalStateException("room " + id + " at seq " + seq + " cannot apply seq " + event.seq());
        }
        RoomState next = applyTo(Modules.forEvent(event.event()), event);
        return new RoomState(id, event.seq(), next.title, next.createdAt, next.members, next.parts);
    }

    private <S> RoomState applyTo(Module<S> module, Sequenced event) {
        return module.with(this, module.apply(module.part(this), event, this));
    }

    /** The room as {@code viewer} may see it: every module's part through its view. */
    public RoomState viewFor(Viewer viewer) {
        RoomState view = this;
        for (Module<?> module : Modules.ALL) {
            if (module.hasPrivateParts()) view = viewed(module, view, viewer);
        }
        return view;
    }

    private static <S> RoomState viewed(Module<S> module, RoomState room, Viewer viewer) {
        return module.with(room, module.view(module.part(room), viewer));
    }
}
