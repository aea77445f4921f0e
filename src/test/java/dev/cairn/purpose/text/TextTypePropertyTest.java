package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextType.apply;
import static dev.cairn.purpose.text.TextType.compose;
import static dev.cairn.purpose.text.TextType.transform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Seeded random checks; rerun a failure with -Dcairn.ot.seed=SEED (the seed is printed). */
class TextTypePropertyTest {
    private static final int CASES = 600;

    private long seed;
    private RandomOps random;

    @BeforeEach
    void seed(TestInfo info) {
        seed = Long.getLong("cairn.ot.seed", 0x0CA1A4L);
        random = new RandomOps(seed);
        System.out.println(info.getDisplayName() + " seed=" + seed);
    }

    @Test
    void concurrentOpsConvergeWhicheverIsAppliedFirst() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp a = random.op(doc);
            TextOp b = random.op(doc);
            String where = "seed=" + seed + " case=" + i + " doc=" + doc + " a=" + a + " b=" + b;
            assertEquals(apply(apply(doc, b), transform(a, b, Side.LEFT)),
                    apply(apply(doc, a), transform(b, a, Side.RIGHT)), where);
            assertEquals(apply(apply(doc, a), transform(b, a, Side.LEFT)),
                    apply(apply(doc, b), transform(a, b, Side.RIGHT)), where);
        }
    }

    @Test
    void convergenceHoldsForNonNormalizedInput() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(10);
            TextOp a = TextOp.of(random.rawParts(doc).toArray());
            TextOp b = TextOp.of(random.rawParts(doc).toArray());
            String where = "seed=" + seed + " case=" + i + " doc=" + doc + " a=" + a + " b=" + b;
            assertEquals(apply(apply(doc, b), transform(a, b, Side.LEFT)),
                    apply(apply(doc, a), transform(b, a, Side.RIGHT)), where);
        }
    }

    @Test
    void transformedOpsComposeToTheSameEdit() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp a = random.op(doc);
            TextOp b = random.op(doc);
            TextOp viaA = compose(a, transform(b, a, Side.RIGHT));
            TextOp viaB = compose(b, transform(a, b, Side.LEFT));
            assertEquals(apply(doc, viaA), apply(doc, viaB), "seed=" + seed + " case=" + i);
        }
    }

    @Test
    void composeAgreesWithApplyingOneAfterTheOther() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp first = random.op(doc);
            String middle = apply(doc, first);
            TextOp second = random.op(middle);
            TextOp both = compose(first, second);
            String where = "seed=" + seed + " case=" + i + " doc=" + doc + " first=" + first
                    + " second=" + second;
            assertEquals(apply(middle, second), apply(doc, both), where);
            assertTrue(both.isNormalized(), where + " composed=" + both);
        }
    }

    @Test
    void composeIsAssociative() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(12);
            TextOp a = random.op(doc);
            TextOp b = random.op(apply(doc, a));
            TextOp c = random.op(apply(apply(doc, a), b));
            assertEquals(compose(compose(a, b), c), compose(a, compose(b, c)), "seed=" + seed + " case=" + i);
        }
    }

    @Test
    void transformingByANoopIsTheIdentity() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp op = random.op(doc);
            for (Side side : Side.values()) {
                assertEquals(op, transform(op, TextOp.NOOP, side), "seed=" + seed + " case=" + i);
                assertEquals(TextOp.NOOP, transform(TextOp.NOOP, op, side), "seed=" + seed + " case=" + i);
            }
        }
    }

    @Test
    void transformResultsAreNormalizedAndNeverSplitPairs() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp a = random.op(doc);
            TextOp b = random.op(doc);
            for (Side side : Side.values()) {
                TextOp moved = transform(a, b, side);
                assertTrue(moved.isNormalized(), "seed=" + seed + " case=" + i + " " + moved);
                assertNotNull(apply(apply(doc, b), moved));
            }
        }
    }

    @Test
    void randomPairSplittingOpsAreRejected() {
        int tried = 0;
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp split = random.pairSplittingOp(doc);
            if (split != null) {
                tried++;
                assertThrows(InvalidOpException.class, () -> apply(doc, split),
                        "seed=" + seed + " case " + doc + " " + split);
            }
        }
        assertTrue(tried > CASES / 4, "too few documents with emoji: " + tried);
    }

    @Test
    void caretAfterAllOfSomeoneElsesEditsStaysBeforeTheSameText() {
        int checked = 0;
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp op = random.op(doc);
            int cursor = random.random().nextInt(doc.length() + 1);
            if (op.baseLength() < cursor) {
                checked++;
                int moved = TextType.transformCursor(cursor, op, false);
                assertEquals(doc.substring(cursor), apply(doc, op).substring(moved),
                        "seed=" + seed + " case=" + i + " doc=" + doc + " op=" + op + " cursor=" + cursor);
            }
        }
        assertTrue(checked > 0);
    }

    @Test
    void caretBeforeAllOfSomeoneElsesEditsStaysPut() {
        for (int i = 0; i < CASES; i++) {
            String doc = random.doc(14);
            TextOp op = random.op(doc);
            int cursor = random.random().nextInt(doc.length() + 1);
            boolean editsStartLater = op.isNoop() || cursor == 0
                    || (op.components().get(0) instanceof Skip s && s.n() >= cursor);
            if (editsStartLater) {
                assertEquals(cursor, TextType.transformCursor(cursor, op, false),
                        "seed=" + seed + " case=" + i + " op=" + op + " cursor=" + cursor);
            }
        }
    }
}
