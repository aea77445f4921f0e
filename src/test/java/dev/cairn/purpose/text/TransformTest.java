package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static dev.cairn.purpose.text.TextType.apply;
import static dev.cairn.purpose.text.TextType.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TransformTest {

    @Test
    void leftInsertGoesFirstWhenBothInsertAtTheSamePosition() {
        TextOp x = TextOp.of(1, "X");
        TextOp y = TextOp.of(1, "Y");
        assertEquals(TextOp.of(1, "X"), transform(x, y, Side.LEFT));
        assertEquals(TextOp.of(2, "Y"), transform(y, x, Side.RIGHT));
        assertConverge("ac", x, y, "aXYc");
    }

    @Test
    void rightInsertGoesSecondWhenBothInsertAtTheSamePosition() {
        TextOp x = TextOp.of(1, "X");
        TextOp y = TextOp.of(1, "Y");
        assertEquals(TextOp.of(2, "X"), transform(x, y, Side.RIGHT));
        assertEquals(TextOp.of(1, "Y"), transform(y, x, Side.LEFT));
        assertConverge("ac", y, x, "aYXc");
    }

    @Test
    void tieAtTheStartOfTheDocument() {
        assertEquals(TextOp.of("X"), transform(TextOp.of("X"), TextOp.of("Y"), Side.LEFT));
        assertEquals(TextOp.of(1, "X"), transform(TextOp.of("X"), TextOp.of("Y"), Side.RIGHT));
    }

    @Test
    void insertAfterTheOthersInsertShiftsRight() {
        assertEquals(TextOp.of(4, "Y"), transform(TextOp.of(2, "Y"), TextOp.of(1, "XX"), Side.LEFT));
        assertEquals(TextOp.of(1, "XX"), transform(TextOp.of(1, "XX"), TextOp.of(2, "Y"), Side.RIGHT));
        assertConverge("abc", TextOp.of(1, "XX"), TextOp.of(2, "Y"), "aXXbYc");
    }

    @Test
    void insertInsideARangeTheOtherDeletedSurvives() {
        TextOp deleteBcde = TextOp.of(1, del(4));
        TextOp insertAfterC = TextOp.of(3, "X");
        assertEquals(TextOp.of(1, "X"), transform(insertAfterC, deleteBcde, Side.RIGHT));
        assertEquals(TextOp.of(1, del(2), 1, del(2)), transform(deleteBcde, insertAfterC, Side.LEFT));
        assertConverge("abcdef", deleteBcde, insertAfterC, "aXf");
    }

    @Test
    void deleteEndingWhereTheOtherInsertsKeepsTheInsert() {
        TextOp deleteBc = TextOp.of(1, del(2));
        TextOp insertAfterC = TextOp.of(3, "X");
        assertEquals(TextOp.of(1, del(2)), transform(deleteBc, insertAfterC, Side.LEFT));
        assertEquals(TextOp.of(1, "X"), transform(insertAfterC, deleteBc, Side.RIGHT));
        assertConverge("abcd", deleteBc, insertAfterC, "aXd");
    }

    @Test
    void deleteStartingWhereTheOtherInsertsKeepsTheInsertBeforeIt() {
        TextOp deleteBc = TextOp.of(1, del(2));
        TextOp insertAfterA = TextOp.of(1, "X");
        assertEquals(TextOp.of(2, del(2)), transform(deleteBc, insertAfterA, Side.LEFT));
        assertEquals(TextOp.of(1, "X"), transform(insertAfterA, deleteBc, Side.RIGHT));
        assertConverge("abcd", deleteBc, insertAfterA, "aXd");
    }

    @Test
    void overlappingDeletesRemoveTheSharedTextOnlyOnce() {
        TextOp deleteBcd = TextOp.of(1, del(3));
        TextOp deleteCde = TextOp.of(2, del(3));
        assertEquals(TextOp.of(1, del(1)), transform(deleteBcd, deleteCde, Side.LEFT));
        assertEquals(TextOp.of(1, del(1)), transform(deleteCde, deleteBcd, Side.RIGHT));
        assertConverge("abcdef", deleteBcd, deleteCde, "af");
    }

    @Test
    void deleteContainingTheOthersDeleteShrinksAndTheInnerOneVanishes() {
        TextOp deleteBcde = TextOp.of(1, del(4));
        TextOp deleteC = TextOp.of(2, del(1));
        assertEquals(TextOp.of(1, del(3)), transform(deleteBcde, deleteC, Side.LEFT));
        assertEquals(TextOp.NOOP, transform(deleteC, deleteBcde, Side.RIGHT));
        assertConverge("abcdef", deleteBcde, deleteC, "af");
    }

    @Test
    void identicalDeletesBothBecomeNoops() {
        TextOp deleteB = TextOp.of(1, del(1));
        assertEquals(TextOp.NOOP, transform(deleteB, deleteB, Side.LEFT));
        assertEquals(TextOp.NOOP, transform(deleteB, deleteB, Side.RIGHT));
    }

    @Test
    void deleteBeforeAnInsertShiftsItLeft() {
        assertEquals(TextOp.of(2, "X"), transform(TextOp.of(4, "X"), TextOp.of(1, del(2)), Side.LEFT));
        assertConverge("abcdef", TextOp.of(4, "X"), TextOp.of(1, del(2)), "adXef");
    }

    @Test
    void emojiPairsStayWholeThroughTransform() {
        TextOp deleteEmoji = TextOp.of(1, del(2));
        TextOp insertAfterEmoji = TextOp.of(3, "🎉");
        assertEquals(TextOp.of(1, "🎉"), transform(insertAfterEmoji, deleteEmoji, Side.RIGHT));
        assertConverge("a😀b", deleteEmoji, insertAfterEmoji, "a🎉b");
        assertConverge("a😀b", TextOp.of(1, "🎉"), TextOp.of(1, "👍"), "a🎉👍😀b");
    }

    @Test
    void transformingByANoopChangesNothing() {
        TextOp op = TextOp.of(2, "hi", del(1));
        assertEquals(op, transform(op, TextOp.NOOP, Side.LEFT));
        assertEquals(op, transform(op, TextOp.NOOP, Side.RIGHT));
        assertEquals(op, transform(op, TextOp.of(5), Side.LEFT));
        assertEquals(TextOp.NOOP, transform(TextOp.NOOP, op, Side.LEFT));
        assertEquals(TextOp.NOOP, transform(TextOp.NOOP, op, Side.RIGHT));
    }

    @Test
    void transformNormalizesBothInputsSoSplitInsertsStayTogether() {
        assertEquals(TextOp.of("ab"), transform(TextOp.of("a", "b"), TextOp.of("x"), Side.LEFT));
        assertEquals(TextOp.of(1, "ab"), transform(TextOp.of("a", "b", 2), TextOp.of("x"), Side.RIGHT));
    }

    /** Checks both orders of applying the two concurrent ops end with {@code expected}. */
    private static void assertConverge(String doc, TextOp left, TextOp right, String expected) {
        assertEquals(expected, apply(apply(doc, right), transform(left, right, Side.LEFT)));
        assertEquals(expected, apply(apply(doc, left), transform(right, left, Side.RIGHT)));
    }
}
