package dev.cairn.room;

import java.util.List;

/** The room's recent events, for rules that must see what happened since a client's base (OT). */
public interface History {

    /**
     * Events with a sequence number above {@code seq}, oldest first, including those tentatively
     * decided earlier in the same commit. Throws {@link Rejection} {@code conflict} when the window
     * no longer reaches back that far.
     */
    List<Sequenced> since(long seq);

    History NONE = seq -> List.of();
}
