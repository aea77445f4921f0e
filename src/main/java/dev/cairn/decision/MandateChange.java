package dev.cairn.decision;

/**
 * The change of facilitation a mandate proposal (or a handover) is about: {@code memberId} gains
 * or loses the role; a withdrawal may name a {@code successorId} who gains it (required when the
 * member is the room's last facilitator).
 */
public record MandateChange(String memberId, MandateAction action, String successorId) {
}
