package dev.cairn.checkin;

import java.util.List;

/**
 * A closed check-in: the question and scale, the meeting (or null), {@code counts[i]}: how many
 * answered {@code min + i}, the words given (sorted, so their order tells nothing), how many
 * answered, the mean (null without answers), and when it opened and closed. Nothing names a member.
 */
public record Result(String id, String meetingId, String question, int min, int max, List<Integer> counts,
                     List<String> words, int answered, Double mean, long openedAt, long closedAt) {

    public Result {
        counts = List.copyOf(counts);
        words = List.copyOf(words);
    }
}
