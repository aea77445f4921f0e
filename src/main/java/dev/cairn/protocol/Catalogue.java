package dev.cairn.protocol;

import dev.cairn.purpose.PurposeCommand;
import dev.cairn.purpose.PurposeEvent;
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
        java.util.List.of("welcome", "snapshot", "event", "presence", "ack", "error", "pong", "caret");

    /** Client frames handled by the connection itself rather than by room rules. */
    public static final java.util.List<String> SESSION_FRAMES = java.util.List.of("hello", "ping", "purpose.caret");

    /** Every error code an {@code error} frame or an HTTP error body may carry. */
    public static final java.util.List<String> ERROR_CODES = java.util.List.of("invalid", "unknown_type",
        "unauthenticated", "unauthorized", "forbidden", "not_found", "conflict", "too_large", "rate_limited",
        "room_full", "unavailable", "internal");

    /** Every WebSocket close code the server uses. */
    public static final java.util.List<Integer> CLOSE_CODES = java.util.List.of(1001, 1008, 1009, 1011, 1013,
        4000, 4001, 4002, 4004);

    static {
        EVENTS.put("room.created", MembershipEvent.RoomCreated.class);
        EVENTS.put("room.renamed", MembershipEvent.RoomRenamed.class);
        EVENTS.put("member.joined", MembershipEvent.MemberJoined.class);
        EVENTS.put("member.renamed", MembershipEvent.MemberRenamed.class);
        EVENTS.put("member.role_changed", MembershipEvent.RoleChanged.class);

        EVENTS.put("purpose.edited", PurposeEvent.Edited.class);
        EVENTS.put("purpose.lock_changed", PurposeEvent.LockChanged.class);
        EVENTS.put("purpose.rated", PurposeEvent.Rated.class);
        EVENTS.put("purpose.target_added", PurposeEvent.TargetAdded.class);
        EVENTS.put("purpose.target_updated", PurposeEvent.TargetUpdated.class);
        EVENTS.put("purpose.target_moved", PurposeEvent.TargetMoved.class);
        EVENTS.put("purpose.target_removed", PurposeEvent.TargetRemoved.class);
        EVENTS.put("purpose.adopted", PurposeEvent.Adopted.class);

        COMMANDS.put("room.rename", MembershipCommand.RenameRoom.class);
        COMMANDS.put("member.rename", MembershipCommand.RenameMember.class);
        COMMANDS.put("member.change_role", MembershipCommand.ChangeRole.class);
        COMMANDS.put("purpose.edit", PurposeCommand.Edit.class);
        COMMANDS.put("purpose.lock", PurposeCommand.Lock.class);
        COMMANDS.put("purpose.rate", PurposeCommand.Rate.class);
        COMMANDS.put("purpose.target_add", PurposeCommand.AddTarget.class);
        COMMANDS.put("purpose.target_update", PurposeCommand.UpdateTarget.class);
        COMMANDS.put("purpose.target_move", PurposeCommand.MoveTarget.class);
        COMMANDS.put("purpose.target_remove", PurposeCommand.RemoveTarget.class);
        COMMANDS.put("purpose.adopt", PurposeCommand.Adopt.class);
    }

    private Catalogue() {
    }
}
