package dev.cairn.access;

import dev.cairn.access.AccessCommand.Rotate;
import dev.cairn.access.AccessEvent.Rotated;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.List;
import java.util.Map;

/**
 * The room's links, as generations: the room link and the facilitator link each carry a key made
 * from the room, the role and the link's generation, and a facilitator who rotates a link moves its
 * generation on, so every earlier key stops working at once on every node. Generation 0 of the room
 * link needs no key (rooms created before links had keys, and new rooms until their first
 * rotation); the keys themselves are signed by the transport, which knows the deployment's secret.
 */
public final class AccessModule implements Module<AccessModule.Access> {
    public static final String ROOM = "room";
    public static final String FACILITATOR = "facilitator";

    /** The generation of each link. */
    public record Access(int roomLink, int facilitatorLink) {
    }

    /** Public for {@link java.util.ServiceLoader}. */
    public AccessModule() {
    }

    /** The room's links as of its state. */
    public static Access of(RoomState room) {
        Object part = room.parts().get("access");
        return part instanceof Access a ? a : new Access(0, 0);
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
        return new Access(0, 0);
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        return Map.of("access.rotate", Rotate.class);
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        return Map.of("access.rotated", Rotated.class);
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        Rotate c = (Rotate) command;
        RoomRules.requireFacilitator(actor, "make new room links");
        Access access = part(room);
        if (ROOM.equals(c.link())) return List.of(new Rotated(ROOM, access.roomLink() + 1));
        if (FACILITATOR.equals(c.link())) return List.of(new Rotated(FACILITATOR, access.facilitatorLink() + 1));
        throw Rejection.invalid("link must be room or facilitator");
    }

    @Override
    public Access apply(Access part, Sequenced event, RoomState room) {
        Rotated e = (Rotated) event.event();
        return ROOM.equals(e.link()) ? new Access(e.generation(), part.facilitatorLink())
            : new Access(part.roomLink(), e.generation());
    }
}
