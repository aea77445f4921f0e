package dev.cairn.queue;

/** One speaker's finished turns in the meeting: how many, and how long in all (millis). */
public record Speaking(long millis, int turns) {
    public static final Speaking NONE = new Speaking(0, 0);

    Speaking plus(long more) {
        return new Speaking(millis + more, turns + 1);
    }
}
