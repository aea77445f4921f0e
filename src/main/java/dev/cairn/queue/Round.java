package dev.cairn.queue;

import java.util.List;

/** A round under way: every member in {@code order} speaks once; {@code passed} are those who passed. */
public record Round(String roundId, List<String> order, boolean shuffled, List<String> passed) {

    public Round {
        order = List.copyOf(order);
        passed = List.copyOf(passed);
    }
}
