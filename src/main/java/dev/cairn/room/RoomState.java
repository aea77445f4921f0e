package dev.cairn.room;

import dev.cairn.purpose.PurposeEvent;
import dev.cairn.purpose.PurposeRules;
import dev.cairn.purpose.PurposeState;
import dev.cairn.room.MembershipEvent.MemberJoined;
import dev.cairn.room.MembershipEvent.MemberRenamed;
import dev.cairn.room.MembershipEvent.RoleChanged;
import dev.cairn.room.MembershipEvent.RoomCreated;
import dev.cairn.room.MembershipEvent.RoomRenamed;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A room's state at sequence number {@code seq}: what a snapshot holds. Immutable; {@link #apply}
 * returns the state after one more event, so every node that applies the same log agrees.
 */
public record RoomState(String id, String title, long seq, long createdAt, Map<String, Member> members,
                        PurposeState purpose) {

    public RoomState {
        members = Map.copyOf(members);
        if (purpose == null) purpose = PurposeState.empty();
    }

    /** The state of a room that does not exist yet: sequence 0. */
    public static RoomState empty(String id) {
        return new RoomState(id, null, 0, 0, Map.of(), PurposeState.empty());
    }

    public boolean exists() {
        return seq > 0;
    }

    public Member member(String memberId) {
        return members.get(memberId);
    }

    public long facilitatorCount() {
        return members.values().stream().filter(m -> m.role() == Role.FACILITATOR).count();
    }

    /** The state after {@code event}; its sequence number must be the next one. */
    public RoomState apply(Sequenced event) {
        if (event.seq() != seq + 1) {
            throw new IllegalStateException("room " + id + " at seq " + seq + " cannot apply seq " + event.seq());
        }
        RoomState next = this;
        if (event.event() instanceof MembershipEvent e) next = applyMembership(e, event.at());
        if (event.event() instanceof PurposeEvent e) {
            next = withPurpose(PurposeRules.apply(purpose, e, event.by(), event.at()));
        }
        return new RoomState(next.id, next.title, event.seq(), next.createdAt, next.members, next.purpose);
    }

    private RoomState withPurpose(PurposeState next) {
        return new RoomState(id, title, seq, createdAt, members, next);
    }

    private RoomState applyMembership(MembershipEvent event, long at) {
        if (event instanceof RoomCreated e) return new RoomState(id, e.title(), seq, at, members, purpose);
        if (event instanceof RoomRenamed e) return new RoomState(id, e.title(), seq, createdAt, members, purpose);
        if (event instanceof MemberJoined e) {
            return withMember(new Member(e.memberId(), e.name(), Role.fromWire(e.role()), at));
        }
        if (event instanceof MemberRenamed e) return withMember(members.get(e.memberId()).withName(e.name()));
        RoleChanged e = (RoleChanged) event;
        return withMember(members.get(e.memberId()).withRole(Role.fromWire(e.role())));
    }

    private RoomState withMember(Member member) {
        Map<String, Member> next = new LinkedHashMap<>(members);
        next.put(member.id(), member);
        return new RoomState(id, title, seq, createdAt, next, purpose);
    }
}
