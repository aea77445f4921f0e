package dev.cairn.room;

/** A person in a room, as every board shows them. */
public record Member(String id, String name, Role role, long joinedAt) {

    public Member withName(String newName) {
        return new Member(id, newName, role, joinedAt);
    }

    public Member withRole(Role newRole) {
        return new Member(id, name, newRole, joinedAt);
    }
}
