package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextOpTest {

    @Test
    void componentsRejectEmptyOrNegativeSizes() {
        assertThrows(InvalidOpException.class, () -> new Skip(0));
        assertThrows(InvalidOpException.class, () -> new Skip(-2));
        assertThrows(InvalidOpException.class, () -> new Delete(0));
        assertThrows(InvalidOpException.class, () -> new Delete(-1));
        assertThrows(InvalidOpException.class, () -> new Insert(""));
        assertThrows(NullPointerException.class, () -> new Insert(null));
    }

    @Test
    void ofTurnsIntegersIntoSkipsStringsIntoInsertsAndKeepsDeletes() {
        TextOp op = TextOp.of(3, "hi", del(2));
        assertEquals(List.of(new Skip(3), new Insert("hi"), new Delete(2)), op.components());
        assertThrows(InvalidOpException.class, () -> TextOp.of(0));
        assertThrows(InvalidOpException.class, () -> TextOp.of(""));
        assertThrows(InvalidOpException.class, () -> TextOp.of(1.5));
    }

    @Test
    void normalizeMergesNeighboursOfOneKindAndDropsTheTrailingSkip() {
        TextOp raw = TextOp.of(1, 2, "a", "b", del(1), del(2), 3);
        assertEquals(TextOp.of(3, "ab", del(3)), raw.normalize());
        assertFalse(raw.isNormalized());
        assertTrue(raw.normalize().isNormalized());
    }

    @Test
    void normalizeKeepsTheOrderOfAnInsertAndADeleteAtOnePlace() {
        assertEquals(TextOp.of(2, del(1), "x"), TextOp.of(2, del(1), "x", 4).normalize());
        assertEquals(TextOp.of(2, "x", del(1)), TextOp.of(2, "x", del(1)).normalize());
    }

    @Test
    void onlySkipsAndEmptyOpsAreNoops() {
        assertTrue(TextOp.NOOP.isNoop());
        assertTrue(TextOp.of(5).isNoop());
        assertEquals(TextOp.NOOP, TextOp.of(2, 3).normalize());
        assertFalse(TextOp.of("a").isNoop());
        assertFalse(TextOp.of(4, del(1)).isNoop());
    }

    @Test
    void baseLengthCountsSkippedAndDeletedUnitsButNotInserted() {
        assertEquals(0, TextOp.NOOP.baseLength());
        assertEquals(7, TextOp.of(3, "hello", del(4)).baseLength());
    }

    @Test
    void insertAtAndDeleteAtBuildNormalizedOps() {
        assertEquals(TextOp.of("x"), TextOp.insertAt(0, "x"));
        assertEquals(TextOp.of(4, "x"), TextOp.insertAt(4, "x"));
        assertEquals(TextOp.of(del(2)), TextOp.deleteAt(0, 2));
        assertEquals(TextOp.of(1, del(2)), TextOp.deleteAt(1, 2));
    }

    @Test
    void componentListCannotBeChangedAfterConstruction() {
        List<Component> parts = new ArrayList<>(List.of(new Skip(1), new Insert("a")));
        TextOp op = new TextOp(parts);
        parts.clear();
        assertEquals(2, op.components().size());
        assertThrows(UnsupportedOperationException.class, () -> op.components().add(new Skip(1)));
    }

    @Test
    void toStringShowsTheWireForm() {
        assertEquals("[3, \"hi\", {d:2}]", TextOp.of(3, "hi", del(2)).toString());
        assertEquals("[]", TextOp.NOOP.toString());
    }
}
