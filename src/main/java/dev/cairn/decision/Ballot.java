package dev.cairn.decision;

import java.util.List;
import java.util.Map;

/**
 * One member's ballot; only the fields of the proposal's method are set: {@code position} (and a
 * {@code reason}, required to object) for consent and yes / no / abstain, {@code score} for
 * fist-to-five, {@code options} for choice, {@code dots} (option id → dots) for a dot vote,
 * {@code ranking} (option ids, most preferred first) for ranked choice.
 */
public record Ballot(Position position, String reason, Integer score, List<String> options,
                     Map<String, Integer> dots, List<String> ranking) {
}
