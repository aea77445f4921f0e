package dev.cairn.room;

/** Commands about the room itself and who is in it. */
public sealed interface MembershipCommand extends RoomCommand {

    /** Facilitator renames the room. */
    record RenameRoom(String title) implements MembershipCommand {
    }

    /** A member changes their own display name. */
    record RenameMember(String name) implements MembershipCommand {
    }

    /** Facilitator removes a member: their boards close and their token stops working at once. */
    record RemoveMember(String memberId) implements MembershipCommand {
    }

    /** Facilitator gives a member another role. */
    record ChangeRole(String memberId, String role) implements MembershipCommand {
    }
}
