package dev.cairn.purpose;

/**
 * One measurable target under the purpose: what is measured, from where to where, by when, tracked
 * by whom. {@code version} is the seq of the room event that last set its fields and {@code by} who
 * did (both null in events: the room's state fills them in when it applies the event). A save names
 * the version it was based on, so one that crossed another person's is refused, not silently lost.
 */
public record Target(String id, String what, String baseline, String target, String due, String tracker,
                     Long version, String by) {

    /** The target as set by the event at {@code seq} from {@code member}. */
    Target setAt(long seq, String member) {
        return new Target(id, what, baseline, target, due, tracker, seq, member);
    }

    /** The version a save must name; targets from snapshots before versions count as 0. */
    long currentVersion() {
        return version == null ? 0 : version;
    }
}
