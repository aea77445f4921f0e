package dev.cairn.room;

import dev.cairn.room.MembershipCommand.ChangeRole;
import dev.cairn.room.MembershipCommand.RemoveMember;
import dev.cairn.room.MembershipCommand.RenameMember;
import dev.cairn.room.MembershipCommand.RenameRoom;
import dev.cairn.room.MembershipEvent.MemberJoined;
import dev.cairn.room.MembershipEvent.MemberRemoved;
import dev.cairn.room.MembershipEvent.MemberRenamed;
import dev.cairn.room.MembershipEvent.RoleChanged;
import dev.cairn.room.MembershipEvent.RoomCreated;
import dev.cairn.room.MembershipEvent.RoomRenamed;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room itself and who is in it: title, members, roles. Its part is the room state's core
 * fields rather than an entry of {@code parts}, since every other module asks it who the actor is.
 */
public final class MembershipModule implements Module<MembershipModule.Roster> {
    public static final MembershipModule INSTANCE = new MembershipModule();

    /** The membership part: the room's title, when it was created, and its members by id. */
    public record Roster(String title, long createdAt, Map<String, Member> members) {
    }

    private MembershipModule() {
    }

    @Override
    public String key() {
        return "membership";
    }

    @Override
    public Class<Roster> stateType() {
        return Roster.class;
    }

    @Override
    public Roster initial() {
        return new Roster(null, 0, Map.of());
    }

    @Override
    public Roster part(RoomState room) {
        return new Roster(room.title(), room.createdAt(), room.members());
    }

    @Override
    public RoomState with(RoomState room, Roster part) {
        return room.withRoom(part.title(), part.createdAt(), part.members());
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("room.rename", RenameRoom.class);
        commands.put("member.rename", RenameMember.class);
        commands.put("member.change_role", ChangeRole.class);
        commands.put("member.remove", RemoveMember.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("room.created", RoomCreated.class);
        events.put("room.renamed", RoomRenamed.class);
        events.put("member.joined", MemberJoined.class);
        events.put("member.renamed", MemberRenamed.class);
        events.put("member.role_changed", RoleChanged.class);
        events.put("member.removed", MemberRemoved.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        if (command instanceof RenameRoom c) {
            RoomRules.requireFacilitator(actor, "rename the room");
            return List.of(new RoomRenamed(Names.title(c.title())));
        }
        if (command instanceof RenameMember c) {
            String name = Names.displayName(c.name());
            return name.equals(actor.name()) ? List.of() : List.of(new MemberRenamed(actor.id(), name));
        }
        if (command instanceof RemoveMember c) {
            RoomRules.requireFacilitator(actor, "remove members");
            Member target = target(room, c.memberId());
            if (target.role() == Role.FACILITATOR && room.facilitatorCount() == 1) {
                throw Rejection.conflict("a room needs at least one facilitator: make someone else facilitator first");
            }
            return List.of(new MemberRemoved(target.id()));
        }
        ChangeRole c = (ChangeRole) command;
        RoomRules.requireFacilitator(actor, "change roles");
        Member target = target(room, c.memberId());
        Role role = parseRole(c.role());
        if (role == Role.REMOVED) throw Rejection.invalid("to remove a member, send member.remove");
        if (target.role() == Role.FACILITATOR && role != Role.FACILITATOR && room.facilitatorCount() == 1) {
            throw Rejection.conflict("a room needs at least one facilitator");
        }
        return target.role() == role ? List.of() : List.of(new RoleChanged(target.id(), role.wire()));
    }

    /** A current member named by a command; removed members are not found. */
    private static Member target(RoomState room, String memberId) {
        if (memberId == null) throw Rejection.invalid("memberId is required");
        Member target = room.member(memberId);
        if (target == null || !target.role().isMember()) throw Rejection.notFound("no member " + memberId + " in this room");
        return target;
    }

    private static Role parseRole(String role) {
        try {
            return Role.fromWire(role);
        } catch (IllegalArgumentException e) {
            throw Rejection.invalid(e.getMessage());
        }
    }

    @Override
    public Roster apply(Roster part, Sequenced sequenced, RoomState room) {
        RoomEvent event = sequenced.event();
        if (event instanceof RoomCreated e) return new Roster(e.title(), sequenced.at(), part.members());
        if (event instanceof RoomRenamed e) return new Roster(e.title(), part.createdAt(), part.members());
        Member member;
        if (event instanceof MemberJoined e) {
            member = new Member(e.memberId(), e.name(), Role.fromWire(e.role()), sequenced.at());
        } else if (event instanceof MemberRemoved e) {
            member = part.members().get(e.memberId()).withRole(Role.REMOVED);
        } else if (event instanceof MemberRenamed e) {
            member = part.members().get(e.memberId()).withName(e.name());
        } else {
            RoleChanged e = (RoleChanged) event;
            member = part.members().get(e.memberId()).withRole(Role.fromWire(e.role()));
        }
        Map<String, Member> members = new LinkedHashMap<>(part.members());
        members.put(member.id(), member);
        return new Roster(part.title(), part.createdAt(), members);
    }
}
