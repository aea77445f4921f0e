package dev.cairn.commitment;

/**
 * One entry of a commitment's history: {@code change} is what happened ({@code made},
 * {@code claimed}, {@code edited}, {@code status}, {@code handover_offered},
 * {@code handover_withdrawn}, {@code handover_accepted}, {@code handover_declined},
 * {@code reviewed}), by whom and when (the event's {@code by} and {@code at}); {@code status},
 * {@code note} and {@code memberId} (the hand-over's receiver) when the change has them, else null.
 */
public record Change(long at, String by, String change, String status, String note, String memberId) {
}
