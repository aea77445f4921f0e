package dev.cairn.store;

/**
 * Redis key and channel names of one room. Every key carries the room id as its hash tag, so a
 * room lives in one Redis Cluster slot and one script can touch all of its keys.
 */
public record RoomKeys(String roomId) {
    /** Sorted set of rooms with a deadline, scored by the earliest one: any node may fire them. */
    public static final String DUE = "cairn:due";

    /**
     * One client address's budget for one action (creating rooms, joining), shared by every node:
     * when the budget is next whole again, in ms since the epoch; gone once it is.
     */
    public static String addressBudget(String action, String address) {
        return "cairn:limit:" + action + ":" + address;
    }

    /** Sorted set of rooms, scored by when a board last opened them: retention reads it. */
    public static final String OPENED = "cairn:opened";

    /**
     * In a Redis Cluster, the room's own entry of {@link #DUE} (a sorted set with the room as its one
     * member), written by the commit script in the room's slot; the global set is copied from it after.
     */
    public String due() {
        return prefix() + "due";
    }

    /** In a Redis Cluster, the room's own entry of {@link #OPENED}, which retention checks in the room's slot. */
    public String opened() {
        return prefix() + "opened";
    }

    private String prefix() {
        return "cairn:{" + roomId + "}:";
    }

    public String seq() {
        return prefix() + "seq";
    }

    /** Stream of every committed event frame, kept for good; entry id {@code <seq>-0}. */
    public String archive() {
        return prefix() + "archive";
    }

    /** Which writer has the next turn after losing a commit race (short-lived). */
    public String turn() {
        return prefix() + "turn";
    }

    /**
     * Hash of sealed events: seq → the full frame of an event whose archived form leaves something
     * out (a secret ballot), until a later event erases it.
     */
    public String sealed() {
        return prefix() + "sealed";
    }

    /**
     * Hash of member → messages they sent to the room, counted by every node together: each node
     * weighs its own budget of a member against it. Expires when nobody has sent for a while.
     */
    public String spent() {
        return prefix() + "spent";
    }

    public String snapshot() {
        return prefix() + "snapshot";
    }

    /** Hash of one member's applied commands: client tag → "highest counter:seq". */
    public String applied(String memberId) {
        return prefix() + "applied:" + memberId;
    }

    /** A module's projection list (for example the seq of every purpose revision). */
    public String list(String name) {
        return prefix() + "list:" + name;
    }

    /** The first storage layout's sorted-set log, moved into the archive on first load. */
    public String legacyLog() {
        return prefix() + "log";
    }

    /** The first storage layout's list of every purpose edit, moved into the archive on first load. */
    public String legacyHistory() {
        return prefix() + "history";
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
