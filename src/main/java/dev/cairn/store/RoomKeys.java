package dev.cairn.store;

/**
 * Redis key and channel names of one room. Every key carries the room id as its hash tag, so a
 * room lives in one Redis Cluster slot and one script can touch all of its keys.
 */
public record RoomKeys(String roomId) {
    private String prefix() {
        return "cairn:{" + roomId + "}:";
    }

    public String seq() {
        return prefix() + "seq";
    }

    /** Sorted set of event frames, scored by sequence number, trimmed to the newest N. */
    public String log() {
        return prefix() + "log";
    }

    /** List of event frames kept for good (the purpose's edits), so any revision can be rebuilt. */
    public String history() {
        return prefix() + "history";
    }

    /** Which writer has the next turn after losing a commit race (short-lived). */
    public String turn() {
        return prefix() + "turn";
    }

    public String snapshot() {
        return prefix() + "snapshot";
    }

    /** Marks a client command as applied: (member, client message id) → the seq it ended at. */
    public String command(String memberId, String clientId) {
        return prefix() + "cmd:" + memberId + ":" + clientId;
    }

    /** Sorted set of online connections, scored by when their lease expires. */
    public String presence() {
        return prefix() + "presence";
    }

    public String channel() {
        return prefix() + "events";
    }

    /** The room id of a channel name, or null if it is not a room channel. */
    public static String roomOfChannel(String channel) {
        if (!channel.startsWith("cairn:{") || !channel.endsWith("}:events")) return null;
        return channel.substring(7, channel.length() - 8);
    }
}
