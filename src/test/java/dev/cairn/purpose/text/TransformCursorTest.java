package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static dev.cairn.purpose.text.TextType.transformCursor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TransformCursorTest {

    @Test
    void insertBeforeTheCaretPushesItRight() {
        assertEquals(5, transformCursor(3, TextOp.of(1, "XY"), false));
        assertEquals(4, transformCursor(2, TextOp.of("😀"), false));
    }

    @Test
    void insertAfterTheCaretLeavesIt() {
        assertEquals(1, transformCursor(1, TextOp.of(3, "X"), false));
    }

    @Test
    void someoneElsesInsertExactlyAtTheCaretLandsAfterIt() {
        assertEquals(2, transformCursor(2, TextOp.of(2, "X"), false));
        assertEquals(0, transformCursor(0, TextOp.of("X"), false));
    }

    @Test
    void deleteBeforeTheCaretPullsItLeft() {
        assertEquals(3, transformCursor(5, TextOp.of(1, del(2)), false));
    }

    @Test
    void caretInsideADeletedRangeMovesToItsStart() {
        assertEquals(1, transformCursor(3, TextOp.of(1, del(4)), false));
        assertEquals(1, transformCursor(5, TextOp.of(1, del(4)), false));
    }

    @Test
    void deleteAfterTheCaretLeavesIt() {
        assertEquals(2, transformCursor(2, TextOp.of(2, del(3)), false));
    }

    @Test
    void replacementBeforeTheCaretShiftsByTheLengthChange() {
        assertEquals(8, transformCursor(6, TextOp.of(1, del(2), "XXXX"), false));
    }

    @Test
    void ownOpMovesTheCaretToTheEndOfItsLastEdit() {
        assertEquals(5, transformCursor(0, TextOp.of(3, "ab"), true));
        assertEquals(2, transformCursor(9, TextOp.of(2, del(3)), true));
        assertEquals(5, transformCursor(0, TextOp.of(3, "ab", 4), true));
    }

    @Test
    void ownNoopLeavesTheCaretWhereItWas() {
        assertEquals(4, transformCursor(4, TextOp.NOOP, true));
        assertEquals(4, transformCursor(4, TextOp.of(7), true));
        assertEquals(4, transformCursor(4, TextOp.NOOP, false));
    }

    @Test
    void negativeCaretIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> transformCursor(-1, TextOp.NOOP, false));
    }
}
