package dev.cairn.queue;

import dev.cairn.room.Rejection;

import java.util.List;

/** The kinds of queue entries, in the order they take the floor. */
public final class Kind {
    public static final String PROCESS = "process";
    public static final String CLARIFY = "clarify";
    public static final String REPLY = "reply";
    /** Only rounds queue this kind; nobody raises it by hand. */
    public static final String ROUND = "round";
    public static final String NEW = "new";

    /** Every kind, highest priority first. */
    public static final List<String> PRIORITY = List.of(PROCESS, CLARIFY, REPLY, ROUND, NEW);
    /** The kinds a hand can be raised (or changed) with. */
    public static final List<String> RAISABLE = List.of(PROCESS, CLARIFY, REPLY, NEW);

    private Kind() {
    }

    public static int rank(String kind) {
        return PRIORITY.indexOf(kind);
    }

    /** Checks a kind a member sent; none is a new point. */
    static String raisable(String kind) {
        if (kind == null) return NEW;
        if (!RAISABLE.contains(kind)) throw Rejection.invalid("kind must be one of " + String.join(", ", RAISABLE));
        return kind;
    }

    /** The key a speaker's time is counted under: the member id, or "guest:" and the name for someone without a device. */
    static String speaker(String memberId, String name) {
        return memberId != null ? memberId : "guest:" + name;
    }
}
