package dev.cairn.room;

/** What a member may do in a room; the server checks it on every command. */
public enum Role {
    FACILITATOR, PARTICIPANT, OBSERVER,
    /** A member a facilitator removed: kept so their name still shows on what they did, allowed nothing. */
    REMOVED;

    /** Wire name, as used in tokens, JSON and the UI. */
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromWire(String value) {
        for (Role role : values()) {
            if (role.wire().equals(value)) return role;
        }
        throw new IllegalArgumentException("role must be facilitator, participant or observer");
    }

    /** Whether this is still a member of the room (not removed). */
    public boolean isMember() {
        return this != REMOVED;
    }

    /** Observers only watch; everyone else may change the room's content. */
    public boolean canEdit() {
        return this != OBSERVER && this != REMOVED;
    }
}
