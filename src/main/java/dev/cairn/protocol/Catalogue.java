package dev.cairn.protocol;

import dev.cairn.room.MembershipCommand;
import dev.cairn.room.MembershipEvent;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one list of wire type names: every room event and every client command. The protocol
 * reference in docs/protocol.md is checked against it by a test.
 */
public final class Catalogue {
    public static final Map<String, Class<? extends RoomEvent>> EVENTS = new LinkedHashMap<>();
    public static final Map<String, Class<? extends RoomCommand>> COMMANDS = new LinkedHashMap<>();

    /** Server frames that are not room events. */
    public static final java.util.List<String> SERVER_FRAMES =
        java.util.List.of("welcome", "snapshot", "event", "presence", "ack", "error", "pong");

    /** Client frames handled by the connection itself rather than by room rules. */
    public static final java.util.List<String> SESSION_FRAMES = java.util.List.of("hello", "ping");

    static {
        EVENTS.put("room.created", MembershipEvent.RoomCreated.class);
        EVENTS.put("room.renamed", MembershipEvent.RoomRenamed.class);
        EVENTS.put("member.joined", MembershipEvent.MemberJoined.class);
        EVENTS.put("member.renamed", MembershipEvent.MemberRenamed.class);
        EVENTS.put("member.role_changed", MembershipEvent.RoleChanged.class);

        COMMANDS.put("room.rename", MembershipCommand.RenameRoom.class);
        COMMANDS.put("member.rename", MembershipCommand.RenameMember.class);
        COMMANDS.put("member.change_role", MembershipCommand.ChangeRole.class);
    }

    private Catalogue() {
    }
}
