package dev.cairn.protocol;

import dev.cairn.purpose.PurposeModule;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.Signal;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Commands and signals are read strictly: a value of the wrong JSON type is {@code invalid}, never
 * converted (a title {@code 12345}, {@code "true"} for true, a score {@code 4.9} or {@code "4"}, a
 * caret at seq 1.5), and the message says what is wrong in the product's words, not Java's.
 */
class StrictInputTest {

    @Test
    void valuesOfTheWrongTypeAreRefusedNotCoerced() {
        String[][] cases = {
            {"room.rename", "{\"title\":12345}", "title"},
            {"room.rename", "{\"title\":true}", "title"},
            {"purpose.lock", "{\"locked\":\"true\"}", "locked"},
            {"purpose.lock", "{\"locked\":1}", "locked"},
            {"purpose.rate", "{\"inspiring\":4.9,\"valuable\":3,\"measurable\":3}", "inspiring"},
            {"purpose.rate", "{\"inspiring\":\"4\",\"valuable\":3,\"measurable\":3}", "inspiring"},
            {"purpose.target_move", "{\"targetId\":\"t1\",\"index\":\"2\"}", "index"},
            {"purpose.adopt", "{\"rev\":2.0}", "rev"},
            {"member.rename", "{\"name\":[\"Ana\"]}", "name"},
        };
        for (String[] c : cases) {
            Rejection r = assertThrows(Rejection.class, () -> Wire.command(c[0], Wire.tree(c[1])), c[0] + " " + c[1]);
            assertEquals("invalid", r.code());
            assertProductWords(r.getMessage(), c[2]);
        }
    }

    @Test
    void aCaretAtAFractionalSeqIsRefused() {
        Rejection r = assertThrows(Rejection.class, () -> Wire.signal("purpose.caret", Wire.tree("{\"seq\":1.5,\"anchor\":0,\"head\":0}")));
        assertProductWords(r.getMessage(), "seq");
    }

    @Test
    void unknownFieldsAreNamed() {
        // Missing fields are the rules' to name (after the member's role is checked), not the decoder's.
        Rejection unknown = assertThrows(Rejection.class, () -> Wire.command("room.rename", Wire.tree("{\"title\":\"A\",\"colour\":\"red\"}")));
        assertProductWords(unknown.getMessage(), "colour");
    }

    @Test
    void wellTypedValuesStillRead() {
        RoomCommand rate = Wire.command("purpose.rate", Wire.tree("{\"inspiring\":4,\"valuable\":3,\"measurable\":5}"));
        assertEquals(4, ((dev.cairn.purpose.PurposeCommand.Rate) rate).inspiring());
        Signal caret = Wire.signal("purpose.caret", Wire.tree("{\"seq\":7,\"anchor\":0,\"head\":2}"));
        assertEquals(7L, ((PurposeModule.Caret) caret).seq());
    }

    private static void assertProductWords(String message, String field) {
        assertFalse(message.contains("java") || message.contains("`") || message.contains("Cannot ")
            || message.contains("jackson") || message.contains("through reference chain"), "Java's words: " + message);
        assertFalse(!message.contains(field), "names the field " + field + ": " + message);
    }
}
