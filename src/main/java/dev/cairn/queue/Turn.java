package dev.cairn.queue;

/**
 * Who has the floor: turn {@code id} of the entry {@code entryId}, since {@code startedAt} (epoch
 * millis, the server's clock), for at most {@code limitSeconds} (0: no limit; past it the board
 * shows the overrun, nothing ends by itself).
 */
public record Turn(String id, String entryId, String memberId, String name, String kind, long startedAt,
                   int limitSeconds, String roundId) {

    public String speaker() {
        return Kind.speaker(memberId, name);
    }
}
