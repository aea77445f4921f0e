package dev.cairn.commitment;

/**
 * Someone a commitment is for or with: a member of the room ({@code memberId}, with {@code name}
 * null: boards show the member's current name) or someone outside it, a person or an
 * organisation named as free text ({@code name}, with {@code memberId} null).
 */
public record Party(String memberId, String name) {

    public boolean member() {
        return memberId != null;
    }
}
