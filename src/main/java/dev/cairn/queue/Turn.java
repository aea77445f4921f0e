package dev.cairn.queue;

/**
 * Who has the floor: turn {@code turnId} of the entry {@code entryId}, since {@code startedAt} (epoch
 * millis, the server's clock), for at most {@code limitSeconds} (0: no limit; past it the board
 * shows the overrun, nothing ends by itself).
 */
public record Turn(String turnId, String entryId, String memberId, String name, String kind, long startedAt,
                   int limitSeconds, String roundId) {

    public String speaker() {
        return Kind.speaker(memberId, name);
    }
}
