package dev.cairn.commitment;

/** A hand-over waiting for its receiver ({@code toMemberId}) to accept or decline, offered by {@code by} at {@code at}. */
public record Handover(String toMemberId, String by, long at) {
}
