package dev.cairn.auth;

import dev.cairn.room.Role;

/** What a signed member token asserts: this member of this room, with this role, until then. */
public record MemberToken(String roomId, String memberId, Role role, long expiresAt) {
}
