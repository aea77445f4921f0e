package dev.cairn.room;

import dev.cairn.room.MembershipCommand.ChangeRole;
import dev.cairn.room.MembershipCommand.RenameMember;
import dev.cairn.room.MembershipCommand.RenameRoom;
import dev.cairn.room.MembershipEvent.MemberJoined;
import dev.cairn.room.MembershipEvent.MemberRenamed;
import dev.cairn.room.MembershipEvent.RoleChanged;
import dev.cairn.room.MembershipEvent.RoomCreated;
import dev.cairn.room.MembershipEvent.RoomRenamed;

import dev.cairn.purpose.PurposeCommand;
import dev.cairn.purpose.PurposeRules;

import java.util.List;

/**
 * Decides which events follow from a command against a room's current state. Each handler reads:
 * who may do this, is the input valid, what events follow. Throws {@link Rejection} otherwise.
 */
public final class RoomRules {
    private final int maxMembers;

    public RoomRules(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    /** The events that open a new room with its creator as first facilitator. */
    public List<RoomEvent> create(String roomId, String title, String creatorId, String creatorName) {
        return List.of(
            new RoomCreated(roomId, Names.title(title)),
            new MemberJoined(creatorId, Names.displayName(creatorName), Role.FACILITATOR.wire()));
    }

    /** A person joins by link; the role comes from the link they used, checked by the caller. */
    public List<RoomEvent> join(RoomState room, String memberId, String name, Role role) {
        requireRoom(room);
        if (room.members().size() >= maxMembers) {
            throw new Rejection("room_full", "this room already has " + maxMembers + " members");
        }
        return List.of(new MemberJoined(memberId, Names.displayName(name), role.wire()));
    }

    /** The events a member's command leads to. */
    public List<RoomEvent> decide(RoomState room, Context ctx, RoomCommand command) {
        requireRoom(room);
        Member actor = room.member(ctx.actorId());
        if (actor == null) throw Rejection.forbidden("you are not a member of this room");
        if (command instanceof MembershipCommand c) return decideMembership(room, actor, c);
        if (command instanceof PurposeCommand c) return PurposeRules.decide(room, actor, ctx, c);
        throw new Rejection("unknown_type", "no rules for " + command.getClass().getSimpleName());
    }

    private List<RoomEvent> decideMembership(RoomState room, Member actor, MembershipCommand command) {
        if (command instanceof RenameRoom c) {
            requireFacilitator(actor, "rename the room");
            return List.of(new RoomRenamed(Names.title(c.title())));
        }
        if (command instanceof RenameMember c) {
            String name = Names.displayName(c.name());
            return name.equals(actor.name()) ? List.of() : List.of(new MemberRenamed(actor.id(), name));
        }
        ChangeRole c = (ChangeRole) command;
        requireFacilitator(actor, "change roles");
        if (c.memberId() == null) throw Rejection.invalid("memberId is required");
        Member target = room.member(c.memberId());
        if (target == null) throw Rejection.notFound("no member " + c.memberId() + " in this room");
        Role role = parseRole(c.role());
        if (target.role() == Role.FACILITATOR && role != Role.FACILITATOR && room.facilitatorCount() == 1) {
            throw Rejection.conflict("a room needs at least one facilitator");
        }
        return target.role() == role ? List.of() : List.of(new RoleChanged(target.id(), role.wire()));
    }

    private static Role parseRole(String role) {
        try {
            return Role.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(e.getMessage());
        }
    }

    static void requireRoom(RoomState room) {
        if (!room.exists()) throw Rejection.notFound("room " + room.id() + " does not exist");
    }

    /** Refuses unless the actor is a facilitator; {@code what} completes "only facilitators may ...". */
    public static void requireFacilitator(Member actor, String what) {
        if (actor.role() != Role.FACILITATOR) throw Rejection.forbidden("only facilitators may " + what);
    }

    /** Refuses observers, who watch read-only. */
    public static void requireEditor(Member actor, String what) {
        if (!actor.role().canEdit()) throw Rejection.forbidden("observers may not " + what);
    }
}
