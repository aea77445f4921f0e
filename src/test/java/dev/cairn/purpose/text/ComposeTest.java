package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static dev.cairn.purpose.text.TextType.apply;
import static dev.cairn.purpose.text.TextType.compose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ComposeTest {

    @Test
    void insertsAtNeighbouringPlacesMergeIntoOne() {
        assertEquals(TextOp.of(1, "XY"), compose(TextOp.of(1, "X"), TextOp.of(2, "Y")));
        assertEquals(TextOp.of(1, "YX"), compose(TextOp.of(1, "X"), TextOp.of(1, "Y")));
    }

    @Test
    void deletingTextTheFirstOpInsertedCancelsOut() {
        assertEquals(TextOp.NOOP, compose(TextOp.of(1, "XY"), TextOp.of(1, del(2))));
        assertEquals(TextOp.of(1, "Y"), compose(TextOp.of(1, "XY"), TextOp.of(1, del(1))));
    }

    @Test
    void deleteInsideInsertedTextTrimsTheInsert() {
        TextOp first = TextOp.of(2, "hello");
        TextOp second = TextOp.of(3, del(2));
        assertEquals(TextOp.of(2, "hlo"), compose(first, second));
        assertEquals("abhlo", apply("ab", compose(first, second)));
    }

    @Test
    void consecutiveDeletesAddUp() {
        assertEquals(TextOp.of(1, del(2)), compose(TextOp.of(1, del(1)), TextOp.of(1, del(1))));
        assertEquals(TextOp.of(del(1), 1, del(1)), compose(TextOp.of(del(1)), TextOp.of(1, del(1))));
    }

    @Test
    void deleteThatSpansInsertedAndOriginalText() {
        TextOp first = TextOp.of(1, "XY");
        TextOp second = TextOp.of(2, del(3));
        TextOp both = compose(first, second);
        assertEquals(TextOp.of(1, "X", del(2)), both);
        assertEquals(apply(apply("abcd", first), second), apply("abcd", both));
    }

    @Test
    void composingWithANoopGivesTheNormalizedOtherOp() {
        TextOp op = TextOp.of(1, 1, "a", del(1), 3);
        assertEquals(op.normalize(), compose(op, TextOp.NOOP));
        assertEquals(op.normalize(), compose(TextOp.NOOP, op));
        assertEquals(TextOp.NOOP, compose(TextOp.NOOP, TextOp.NOOP));
    }

    @Test
    void emojiInsertedThenDeletedLeavesNothing() {
        TextOp both = compose(TextOp.of(1, "😀"), TextOp.of(1, del(2)));
        assertEquals(TextOp.NOOP, both);
        TextOp replaced = compose(TextOp.of(1, del(2)), TextOp.of(1, "🎉"));
        assertEquals("a🎉b", apply("a😀b", replaced));
    }
}
