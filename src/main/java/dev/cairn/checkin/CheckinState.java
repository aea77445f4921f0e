package dev.cairn.checkin;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A room's check-ins: the open one (null if none) and every closed one's result, oldest first (the trend). */
public record CheckinState(Pulse open, List<Result> results) {
    private static final CheckinState EMPTY = new CheckinState(null, List.of());

    public CheckinState {
        results = List.copyOf(results);
    }

    public static CheckinState empty() {
        return EMPTY;
    }

    /** What {@code memberId} may see: the open check-in with only their own answer. */
    public CheckinState viewFor(String memberId) {
        if (open == null || open.answers().isEmpty()) return this;
        if (open.answers().size() == 1 && open.answers().containsKey(memberId)) return this;
        Map<String, Answer> own = new HashMap<>();
        Answer mine = open.answers().get(memberId);
        if (mine != null) own.put(memberId, mine);
        return new CheckinState(open.withAnswers(open.answered(), own), results);
    }
}
