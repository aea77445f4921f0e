package dev.cairn.queue;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The balance figure, 1 − Gini, against values worked out by hand. */
class BalanceTest {

    @Test
    void equalTimesAreFullyBalanced() {
        assertEquals(1.0, Balance.of(new long[] {5, 5, 5, 5}), 1e-12);
    }

    @Test
    void oneVoiceAloneGivesOneOverN() {
        // Σ|xi − xj| = 6 (three zeros against the one, both ways); 6 / (2 · 4 · 1) = 0.75.
        assertEquals(0.25, Balance.of(new long[] {0, 0, 0, 7}), 1e-12);
        assertEquals(0.5, Balance.of(new long[] {0, 3}), 1e-12);
    }

    @Test
    void aLadderOfTimes() {
        // 1, 2, 3, 4: Σ|xi − xj| = 2 · (1 + 2 + 3 + 1 + 2 + 1) = 20; Gini = 20 / (2 · 4 · 10) = 0.25.
        assertEquals(0.75, Balance.of(new long[] {1, 2, 3, 4}), 1e-12);
        // 1, 1, 4: Σ = 2 · (0 + 3 + 3) = 12; Gini = 12 / (2 · 3 · 6) = 1/3.
        assertEquals(2.0 / 3, Balance.of(new long[] {4, 1, 1}), 1e-12);
    }

    @Test
    void undefinedForOneMemberOrSilence() {
        assertNull(Balance.of(new long[] {9}));
        assertNull(Balance.of(new long[] {0, 0, 0}));
        assertNull(Balance.of(new long[0]));
    }

    @Test
    void membersWhoHaveNotSpokenCountAsZero() {
        Map<String, Speaking> speaking = Map.of("ana", new Speaking(60_000, 1), "guest:Gran", new Speaking(60_000, 1));
        assertEquals(0.5, Balance.over(List.of("ana", "ben"), speaking), 1e-12);
    }
}
