package dev.cairn.commitment;

/** Something that must be done and has no owner yet: posted by {@code postedBy} at {@code postedAt}, waiting to be claimed. */
public record Need(String needId, String what, String postedBy, long postedAt) {
}
