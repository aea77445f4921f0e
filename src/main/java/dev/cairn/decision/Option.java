package dev.cairn.decision;

/** One of a proposal's options; ballots name it by {@code id} ({@code o1}, {@code o2}, ...). */
public record Option(String id, String label) {
}
