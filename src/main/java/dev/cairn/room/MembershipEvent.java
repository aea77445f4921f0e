package dev.cairn.room;

/** Events about the room itself and who is in it. */
public sealed interface MembershipEvent extends RoomEvent {

    record RoomCreated(String roomId, String title) implements MembershipEvent {
    }

    record RoomRenamed(String title) implements MembershipEvent {
    }

    record MemberJoined(String memberId, String name, String role) implements MembershipEvent {
    }

    record MemberRenamed(String memberId, String name) implements MembershipEvent {
    }

    record RoleChanged(String memberId, String role) implements MembershipEvent {
    }

    /** The member stays listed (as {@code removed}) so their name shows on what they did. */
    record MemberRemoved(String memberId) implements MembershipEvent {
    }
}
