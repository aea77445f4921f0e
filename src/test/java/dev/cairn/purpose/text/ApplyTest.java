package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static dev.cairn.purpose.text.TextType.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApplyTest {
    /** "a", then one emoji (two UTF-16 units), then "b": length 4, a pair at indices 1 and 2. */
    private static final String WITH_EMOJI = "a😀b";

    @Test
    void skipsKeepInsertsAddAndDeletesRemove() {
        assertEquals("hello there", apply("hello world", TextOp.of(6, del(5), "there")));
        assertEquals("XYabc", apply("abc", TextOp.of("XY")));
        assertEquals("abcXY", apply("abc", TextOp.of(3, "XY")));
        assertEquals("", apply("abc", TextOp.of(del(3))));
    }

    @Test
    void textAfterTheLastComponentIsKept() {
        assertEquals("aXbcdef", apply("abcdef", TextOp.of(1, "X")));
        assertEquals("abdef", apply("abcdef", TextOp.of(2, del(1))));
    }

    @Test
    void emptyAndSkipOnlyOpsLeaveTheDocumentUnchanged() {
        assertEquals("abc", apply("abc", TextOp.NOOP));
        assertEquals("", apply("", TextOp.NOOP));
        assertEquals("abc", apply("abc", TextOp.of(3)));
    }

    @Test
    void insertIntoAnEmptyDocument() {
        assertEquals("hi", apply("", TextOp.of("hi")));
    }

    @Test
    void nonNormalizedOpHasTheSameEffectAsItsNormalForm() {
        TextOp raw = TextOp.of(1, 1, "a", "b", del(1), del(1), 2);
        assertEquals("ababef", apply("abcdef", raw));
        assertEquals(apply("abcdef", raw), apply("abcdef", raw.normalize()));
    }

    @Test
    void skipPastTheEndIsRejected() {
        assertThrows(InvalidOpException.class, () -> apply("abc", TextOp.of(4)));
        assertThrows(InvalidOpException.class, () -> apply("abc", TextOp.of(4, "x")));
        assertThrows(InvalidOpException.class, () -> apply("", TextOp.of(1, "x")));
    }

    @Test
    void deletePastTheEndIsRejected() {
        InvalidOpException e = assertThrows(InvalidOpException.class,
                () -> apply("abc", TextOp.of(2, del(2))));
        assertTrue(e.getMessage().contains("past the end"), e.getMessage());
        assertThrows(InvalidOpException.class, () -> apply("", TextOp.of(del(1))));
    }

    @Test
    void insertingOrDeletingWholeSurrogatePairsWorks() {
        assertEquals(4, WITH_EMOJI.length());
        assertEquals("ab", apply(WITH_EMOJI, TextOp.of(1, del(2))));
        assertEquals("a🎉😀b", apply(WITH_EMOJI, TextOp.of(1, "🎉")));
        assertEquals("a😀🎉b", apply(WITH_EMOJI, TextOp.of(3, "🎉")));
        assertEquals("a😀", apply(WITH_EMOJI, TextOp.of(3, del(1))));
        assertEquals("🎉", apply("😀", TextOp.of(del(2), "🎉")));
    }

    @Test
    void opWhoseBoundaryFallsInsideASurrogatePairIsRejected() {
        assertSplitRejected(TextOp.of(2, "x"));
        assertSplitRejected(TextOp.of(2));
        assertSplitRejected(TextOp.of(1, del(1)));
        assertSplitRejected(TextOp.of(2, del(1)));
        assertSplitRejected(TextOp.of(1, del(1), "x"));
    }

    @Test
    void insertContainingALoneSurrogateIsRejected() {
        assertThrows(InvalidOpException.class, () -> apply("ab", TextOp.of(1, "\uD83D")));
        assertThrows(InvalidOpException.class, () -> apply("ab", TextOp.of(1, "x\uDE00")));
        assertThrows(InvalidOpException.class, () -> apply("ab", TextOp.of("\uDE00\uD83D")));
    }

    private static void assertSplitRejected(TextOp op) {
        InvalidOpException e = assertThrows(InvalidOpException.class, () -> apply(WITH_EMOJI, op),
                "accepted " + op);
        assertTrue(e.getMessage().contains("surrogate pair"), e.getMessage());
    }
}
