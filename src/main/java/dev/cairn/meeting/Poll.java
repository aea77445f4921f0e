package dev.cairn.meeting;

import java.util.Map;

/**
 * The quick "extend by {@code minutes} or move on?" poll: answers by member id
 * ({@code extend} or {@code move_on}), open until a facilitator closes it.
 */
public record Poll(String pollId, int minutes, Map<String, String> answers, boolean closed) {
    public static final String EXTEND = "extend";
    public static final String MOVE_ON = "move_on";

    public Poll {
        answers = Map.copyOf(answers);
    }

    public long count(String choice) {
        return answers.values().stream().filter(choice::equals).count();
    }
}
