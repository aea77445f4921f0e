package dev.cairn.access;

import dev.cairn.room.Context;
import dev.cairn.room.History;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The room's links: facilitators move a link's generation on; nobody else may. */
class AccessModuleTest {
    private final RoomRules rules = new RoomRules(10);

    private RoomState room() {
        RoomState state = RoomState.empty("r");
        for (RoomEvent e : rules.create("r", "Links", "ana", "Ana")) state = state.apply(new Sequenced(state.seq() + 1, 1, "ana", e));
        for (RoomEvent e : rules.join(state, "ben", "Ben", Role.PARTICIPANT)) state = state.apply(new Sequenced(state.seq() + 1, 2, "ben", e));
        return state;
    }

    private RoomState run(RoomState state, String actor, String link) {
        for (RoomEvent e : rules.decide(state, new Context(actor, "c1", History.NONE), new AccessCommand.Rotate(link))) {
            state = state.apply(new Sequenced(state.seq() + 1, 3, actor, e));
        }
        return state;
    }

    @Test
    void facilitatorsMakeNewLinksOneGenerationAtATime() {
        RoomState state = room();
        assertEquals(new AccessModule.Access(0, 0, null), AccessModule.of(state));
        state = run(state, "ana", "room");
        state = run(state, "ana", "room");
        state = run(state, "ana", "facilitator");
        assertEquals(new AccessModule.Access(2, 1, null), AccessModule.of(state));
        RoomState now = state;
        assertEquals("forbidden", assertThrows(Rejection.class, () -> run(now, "ben", "room")).code());
        assertEquals("invalid", assertThrows(Rejection.class, () -> run(now, "ana", "everything")).code());
        assertEquals("invalid", assertThrows(Rejection.class, () -> run(now, "ana", null)).code());
    }
}
