package dev.cairn.checkin;

import java.util.Map;

/**
 * The open check-in: its question and scale, the meeting it belongs to (null between meetings), who
 * opened it and when, how many have answered, and the answers by member id, which a viewer sees
 * only their own of (a state sent to a board holds at most one).
 */
public record Pulse(String id, String meetingId, String question, int min, int max, String openedBy, long openedAt,
                    int answered, Map<String, Answer> answers) {

    public Pulse {
        answers = Map.copyOf(answers);
    }

    Pulse withAnswers(int count, Map<String, Answer> next) {
        return new Pulse(id, meetingId, question, min, max, openedBy, openedAt, count, next);
    }
}
