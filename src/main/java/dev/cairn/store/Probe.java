package dev.cairn.store;

/** A room's seq in Redis and the archived frame at the seq a node has (null if none): a cheap divergence check. */
public record Probe(long seq, String frameAtSeq) {
}
