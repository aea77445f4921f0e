package dev.cairn.purpose.text;

import static dev.cairn.purpose.text.TextOp.del;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextOpWireTest {

    @Test
    void wireFormUsesIntegersStringsAndDeleteObjects() {
        TextOp op = TextOp.of(2, "hi 😀", del(3));
        assertEquals(List.of(2, "hi 😀", Map.of("d", 3)), op.toWire());
        assertEquals(List.of(), TextOp.NOOP.toWire());
    }

    @Test
    void wireFormRoundTrips() {
        RandomOps random = new RandomOps(7);
        for (int i = 0; i < 200; i++) {
            TextOp op = TextOp.of(random.rawParts(random.doc(10)).toArray());
            assertEquals(op, TextOp.fromWire(op.toWire()));
        }
    }

    @Test
    void fromWireKeepsComponentsAsGivenWithoutNormalizing() {
        TextOp op = TextOp.fromWire(List.of(1, 2, "a", Map.of("d", 1)));
        assertEquals(TextOp.of(1, 2, "a", del(1)), op);
    }

    @Test
    void fromWireAcceptsAnyIntegralNumberType() {
        Map<String, Object> delete = new HashMap<>();
        delete.put("d", 2L);
        TextOp op = TextOp.fromWire(List.of(3L, "x", delete, (short) 1, 4.0, new BigDecimal("5.00"),
                BigInteger.TWO));
        assertEquals(TextOp.of(3, "x", del(2), 1, 4, 5, 2), op);
    }

    @Test
    void fromWireRejectsMalformedComponents() {
        List<List<?>> bad = List.of(
                List.of(0),
                List.of(-3),
                List.of(1.5),
                List.of(new BigDecimal("2.5")),
                List.of(Double.NaN),
                List.of(Double.POSITIVE_INFINITY),
                List.of(3_000_000_000L),
                List.of(""),
                List.of(Map.of("d", 0)),
                List.of(Map.of("d", -1)),
                List.of(Map.of("d", 1.5)),
                List.of(Map.of("d", "2")),
                List.of(Map.of("x", 1)),
                List.of(Map.of("d", 1, "e", 2)),
                List.of(Map.of()),
                List.of(true),
                List.of(List.of(1)),
                Arrays.asList(1, null));
        for (List<?> wire : bad) {
            assertThrows(InvalidOpException.class, () -> TextOp.fromWire(wire), "accepted " + wire);
        }
        assertThrows(InvalidOpException.class, () -> TextOp.fromWire(null));
    }

    @Test
    void fromWireErrorNamesTheBadComponent() {
        InvalidOpException e = assertThrows(InvalidOpException.class,
                () -> TextOp.fromWire(List.of(2, "ok", 1.5)));
        assertTrue(e.getMessage().contains("component 2"), e.getMessage());
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }
}
