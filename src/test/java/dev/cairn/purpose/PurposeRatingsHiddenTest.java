package dev.cairn.purpose;

import dev.cairn.room.Context;
import dev.cairn.room.Modules;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ratings hidden until the facilitator reveals them: nobody, the facilitator included, sees another's scores before. */
class PurposeRatingsHiddenTest {
    private final RoomRules rules = new RoomRules(10);
    private final PurposeModule module = (PurposeModule) Modules.byKey("purpose");
    private RoomState room = RoomState.empty("r");
    private Sequenced last;

    PurposeRatingsHiddenTest() {
        commit("ana", rules.create("r", "Purpose", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben", Role.PARTICIPANT));
        commit("cai", rules.join(room, "cai", "Cai", Role.PARTICIPANT));
        run("ana", new PurposeCommand.Edit(room.seq(), List.of("Feed everyone on our street")));
    }

    private void commit(String by, List<RoomEvent> events) {
        for (RoomEvent e : events) {
            last = new Sequenced(room.seq() + 1, 1000 + room.seq(), by, e);
            room = room.apply(last);
        }
    }

    private void run(String actor, RoomCommand command) {
        commit(actor, rules.decide(room, new Context(actor, "c" + room.seq(), seq -> List.of(), 5000), command));
    }

    private Rating seenBy(String viewer, String rater) {
        return module.view(PurposeModule.of(room), new Viewer(viewer, room.member(viewer).role())).ratings().get(rater);
    }

    @Test
    void hiddenRatingsReachOthersWithoutScoresUntilRevealed() {
        assertEquals("forbidden", assertThrows(Rejection.class,
            () -> rules.decide(room, new Context("ben", "x", seq -> List.of(), 5000), new PurposeCommand.RatingsVisibility(true))).code());
        run("ana", new PurposeCommand.RatingsVisibility(true));
        run("ben", new PurposeCommand.Rate(2, 3, 1, Map.of("measurable", "No numbers yet")));
        Sequenced rated = last;

        PurposeEvent.Rated forAna = (PurposeEvent.Rated) module.view(rated, new Viewer("ana", Role.FACILITATOR)).event();
        assertEquals(0, forAna.inspiring(), "the facilitator too sees no score");
        assertTrue(forAna.comments().isEmpty());
        assertEquals(rated, module.view(rated, new Viewer("ben", Role.PARTICIPANT)), "the rater sees their own");
        assertEquals(0, seenBy("cai", "ben").valuable());
        assertEquals(3, seenBy("ben", "ben").valuable());

        run("ana", new PurposeCommand.RatingsVisibility(false));
        PurposeEvent.RatingsVisibilityChanged revealed = (PurposeEvent.RatingsVisibilityChanged) last.event();
        assertEquals(1, revealed.revealed().size());
        assertEquals(3, seenBy("cai", "ben").valuable());
        assertEquals("No numbers yet", seenBy("ana", "ben").comments().get("measurable"));

        run("cai", new PurposeCommand.Rate(5, 5, 5, Map.of()));
        assertEquals(5, seenBy("ben", "cai").inspiring(), "with ratings visible, new ones show at once");
    }
}
