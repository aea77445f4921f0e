package dev.cairn.room;

import dev.cairn.room.MembershipCommand.ChangeRole;
import dev.cairn.room.MembershipCommand.RemoveMember;
import dev.cairn.room.MembershipCommand.RenameMember;
import dev.cairn.room.MembershipCommand.RenameRoom;
import dev.cairn.room.MembershipEvent.MemberRemoved;
import dev.cairn.room.MembershipEvent.MemberRenamed;
import dev.cairn.room.MembershipEvent.RoleChanged;
import dev.cairn.room.MembershipEvent.RoomRenamed;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room's rules, without a server: who may do what, and which events follow. */
class RoomRulesTest {
    private final RoomRules rules = new RoomRules(3);

    private static Context ctx(String actor) {
        return new Context(actor, "c1", History.NONE);
    }

    private RoomState room() {
        RoomState state = RoomState.empty("room1");
        long seq = 0;
        for (RoomEvent e : rules.create("room1", "  Harbour  ", "ana", "Ana")) {
            state = state.apply(new Sequenced(++seq, 1000, "ana", e));
        }
        for (RoomEvent e : rules.join(state, "ben", "Ben", Role.PARTICIPANT)) {
            state = state.apply(new Sequenced(++seq, 2000, "ben", e));
        }
        return state;
    }

    private static RoomState applyAll(RoomState state, String by, List<RoomEvent> events) {
        for (RoomEvent e : events) state = state.apply(new Sequenced(state.seq() + 1, 3000, by, e));
        return state;
    }

    @Test
    void createdRoomHasItsTrimmedTitleAndTheCreatorAsFacilitator() {
        RoomState room = room();
        assertEquals("Harbour", room.title());
        assertEquals(Role.FACILITATOR, room.member("ana").role());
        assertEquals(Role.PARTICIPANT, room.member("ben").role());
        assertEquals(3, room.seq());
        assertEquals(1000, room.createdAt());
    }

    @Test
    void facilitatorRenamesTheRoomButAParticipantMayNot() {
        RoomState room = room();
        assertEquals(List.of(new RoomRenamed("Harbour 2")), rules.decide(room, ctx("ana"), new RenameRoom("Harbour 2")));
        Rejection refused = assertThrows(Rejection.class, () -> rules.decide(room, ctx("ben"), new RenameRoom("Mine")));
        assertEquals("forbidden", refused.code());
    }

    @Test
    void membersRenameOnlyThemselvesAndAnUnchangedNameIsNoEvent() {
        RoomState room = room();
        assertEquals(List.of(new MemberRenamed("ben", "Benedict")), rules.decide(room, ctx("ben"), new RenameMember("Benedict")));
        assertEquals(List.of(), rules.decide(room, ctx("ben"), new RenameMember(" Ben ")));
    }

    @Test
    void theLastFacilitatorCannotStepDownButCanAfterPromotingAnother() {
        RoomState room = room();
        Rejection last = assertThrows(Rejection.class, () -> rules.decide(room, ctx("ana"), new ChangeRole("ana", "participant")));
        assertEquals("conflict", last.code());
        RoomState promoted = applyAll(room, "ana", rules.decide(room, ctx("ana"), new ChangeRole("ben", "facilitator")));
        // Other modules may add events of their own after it (the decision log records a change of facilitation).
        assertEquals(new RoleChanged("ana", "observer"), rules.decide(promoted, ctx("ana"), new ChangeRole("ana", "observer")).get(0));
    }

    @Test
    void strangersAndUnknownTargetsAndBadRolesAreRefused() {
        RoomState room = room();
        assertEquals("forbidden", assertThrows(Rejection.class,
            () -> rules.decide(room, ctx("eve"), new RenameMember("Eve"))).code());
        assertEquals("not_found", assertThrows(Rejection.class,
            () -> rules.decide(room, ctx("ana"), new ChangeRole("nobody", "observer"))).code());
        assertEquals("invalid", assertThrows(Rejection.class,
            () -> rules.decide(room, ctx("ana"), new ChangeRole("ben", "queen"))).code());
    }

    @Test
    void joiningAFullOrMissingRoomIsRefused() {
        RoomState full = applyAll(room(), "cy", rules.join(room(), "cy", "Cy", Role.OBSERVER));
        assertEquals("room_full", assertThrows(Rejection.class, () -> rules.join(full, "dee", "Dee", Role.PARTICIPANT)).code());
        assertEquals("not_found", assertThrows(Rejection.class,
            () -> rules.join(RoomState.empty("nope"), "dee", "Dee", Role.PARTICIPANT)).code());
    }

    @Test
    void aFacilitatorRemovesAMemberWhoCanDoNothingAfterAndNoLongerCountsTowardsTheLimit() {
        RoomState full = applyAll(room(), "cy", rules.join(room(), "cy", "Cy", Role.OBSERVER));
        assertEquals("forbidden", assertThrows(Rejection.class, () -> rules.decide(full, ctx("ben"), new RemoveMember("cy"))).code());
        assertEquals(List.of(new MemberRemoved("cy")), rules.decide(full, ctx("ana"), new RemoveMember("cy")));
        RoomState removed = applyAll(full, "ana", rules.decide(full, ctx("ana"), new RemoveMember("cy")));
        assertEquals(Role.REMOVED, removed.member("cy").role(), "still listed, so their name shows on what they did");
        assertEquals(2, removed.memberCount());
        assertEquals("forbidden", assertThrows(Rejection.class, () -> rules.decide(removed, ctx("cy"), new RenameMember("Cy 2"))).code());
        assertEquals("not_found", assertThrows(Rejection.class, () -> rules.decide(removed, ctx("ana"), new RemoveMember("cy"))).code());
        assertEquals("not_found", assertThrows(Rejection.class,
            () -> rules.decide(removed, ctx("ana"), new ChangeRole("cy", "participant"))).code(), "a removed member is not brought back by a role");
        assertEquals("invalid", assertThrows(Rejection.class,
            () -> rules.decide(removed, ctx("ana"), new ChangeRole("ben", "removed"))).code());
        assertEquals(1, rules.join(removed, "dee", "Dee", Role.PARTICIPANT).size(), "the removed member's place is free again");
        assertEquals("conflict", assertThrows(Rejection.class, () -> rules.decide(removed, ctx("ana"), new RemoveMember("ana"))).code(),
            "the last facilitator cannot be removed");
    }

    @Test
    void aFacilitatorLinkStillJoinsAFullRoomSoNobodyCanLockItByFillingIt() {
        RoomState full = applyAll(room(), "cy", rules.join(room(), "cy", "Cy", Role.OBSERVER));
        assertEquals("room_full", assertThrows(Rejection.class, () -> rules.join(full, "dee", "Dee", Role.PARTICIPANT)).code());
        RoomState state = full;
        for (int i = 0; i < RoomRules.FACILITATOR_HEADROOM; i++) {
            state = applyAll(state, "f" + i, rules.join(state, "f" + i, "F" + i, Role.FACILITATOR));
        }
        RoomState crowded = state;
        assertEquals("room_full", assertThrows(Rejection.class, () -> rules.join(crowded, "fx", "Fx", Role.FACILITATOR)).code(),
            "but not without end");
    }

    @Test
    void eventsMustArriveInSequence() {
        RoomState room = room();
        assertThrows(IllegalStateException.class, () -> room.apply(new Sequenced(5, 0, "ana", new RoomRenamed("x"))));
        assertTrue(room.exists());
    }
}
