package dev.cairn.access;

import dev.cairn.access.AccessCommand.Rotate;
import dev.cairn.access.AccessCommand.SetPasscode;
import dev.cairn.access.AccessEvent.PasscodeSet;
import dev.cairn.access.AccessEvent.Rotated;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import java.util.List;
import java.util.Map;

/**
 * The room's links, as generations: the room link and the facilitator link each carry a key made
 * from the room, the role and the link's generation, and a facilitator who rotates a link moves its
 * generation on, so every earlier key stops working at once on every node. Generation 0 of the room
 * link needs no key (rooms created before links had keys, and new rooms until their first
 * rotation); the keys themselves are signed by the transport, which knows the deployment's secret.
 *
 * <p>A facilitator may also set a passcode that joining by the room link asks for (said aloud in the
 * room, or sent apart from the link), so a link that leaked is not enough on its own. No board
 * receives it with the room; facilitators read it with the room's links. The facilitator link needs none.
 */
public final class AccessModule implements Module<AccessModule.Access> {
    public static final String ROOM = "room";
    public static final String FACILITATOR = "facilitator";

    /** Shortest and longest passcode. */
    public static final int MIN_PASSCODE = 6;
    public static final int MAX_PASSCODE = 40;

    /**
     * The generation of each link, and the passcode joining by the room link asks for: null for
     * none; as a non-facilitator sees it, {@code ""} for "there is one".
     */
    public record Access(int roomLink, int facilitatorLink, String passcode) {

        /** Whether {@code given} is the passcode (true when there is none); in constant time. */
        public boolean admits(String given) {
            if (passcode == null) return true;
            if (given == null) return false;
            return MessageDigest.isEqual(passcode.getBytes(StandardCharsets.UTF_8), given.trim().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Public for {@link java.util.ServiceLoader}. */
    public AccessModule() {
    }

    /** The room's links as of its state. */
    public static Access of(RoomState room) {
        Object part = room.parts().get("access");
        return part instanceof Access a ? a : new Access(0, 0, null);
    }

    @Override
    public String key() {
        return "access";
    }

    @Override
    public Class<Access> stateType() {
        return Access.class;
    }

    @Override
    public Access initial() {
        return new Access(0, 0, null);
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        return Map.of("access.rotate", Rotate.class, "access.passcode", SetPasscode.class);
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        return Map.of("access.rotated", Rotated.class, "access.passcode_set", PasscodeSet.class);
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        Access access = part(room);
        if (command instanceof SetPasscode p) {
            RoomRules.requireFacilitator(actor, "set the room's passcode");
            String code = p.passcode() == null || p.passcode().isBlank() ? null
                : Names.text("passcode", p.passcode(), MAX_PASSCODE);
            if (code != null && code.length() < MIN_PASSCODE) {
                throw Rejection.invalid("a passcode has at least " + MIN_PASSCODE + " characters");
            }
            return java.util.Objects.equals(code, access.passcode()) ? List.of() : List.of(new PasscodeSet(code));
        }
        Rotate c = (Rotate) command;
        RoomRules.requireFacilitator(actor, "make new room links");
        if (ROOM.equals(c.link())) return List.of(new Rotated(ROOM, access.roomLink() + 1));
        if (FACILITATOR.equals(c.link())) return List.of(new Rotated(FACILITATOR, access.facilitatorLink() + 1));
        throw Rejection.invalid("link must be room or facilitator");
    }

    @Override
    public Access apply(Access part, Sequenced event, RoomState room) {
        if (event.event() instanceof PasscodeSet p) return new Access(part.roomLink(), part.facilitatorLink(), p.passcode());
        Rotated e = (Rotated) event.event();
        return ROOM.equals(e.link()) ? new Access(e.generation(), part.facilitatorLink(), part.passcode())
            : new Access(part.roomLink(), e.generation(), part.passcode());
    }

    // The passcode never travels with the room: every board (facilitators' too) learns only that
    // there is one; facilitators read it from GET /api/rooms/{id}/links. So no board's copy of the
    // room depends on its role, and a role change needs no re-send.

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    @Override
    public Access view(Access part, Viewer viewer) {
        return part.passcode() == null ? part : new Access(part.roomLink(), part.facilitatorLink(), "");
    }

    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (!(event.event() instanceof PasscodeSet p) || p.passcode() == null) return event;
        return new Sequenced(event.seq(), event.at(), event.by(), new PasscodeSet(""));
    }
}
