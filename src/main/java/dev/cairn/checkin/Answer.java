package dev.cairn.checkin;

import java.util.List;

/** One member's answer while the check-in is open; {@code seqs}: the sealed events that carried their answers. */
public record Answer(int value, String word, List<Long> seqs) {

    public Answer {
        seqs = List.copyOf(seqs);
    }
}
