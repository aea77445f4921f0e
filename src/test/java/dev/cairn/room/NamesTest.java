package dev.cairn.room;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Display names and titles: trimmed, bounded, and free of control characters and broken surrogates. */
class NamesTest {

    @Test
    void acceptsOrdinaryAndInternationalNamesTrimmed() {
        assertEquals("Zoë Ångström", Names.displayName("  Zoë Ångström "));
        assertEquals("Ama 🌍", Names.displayName("Ama 🌍"));
        assertEquals("<script>alert(1)</script>", Names.displayName("<script>alert(1)</script>"), "stored as text; rendered as text");
    }

    @Test
    void refusesTextDirectionControlsThatWouldTurnTheTextAroundANameButKeepsRightToLeftScripts() {
        for (String bad : new String[] {"Mallory\u202E", "\u202Dforced", "a\u202Ab", "\u2066isolate\u2069", "x\u2067y"}) {
            assertEquals("invalid", assertThrows(Rejection.class, () -> Names.displayName(bad), bad).code());
            assertEquals("invalid", assertThrows(Rejection.class, () -> Names.paragraph("comment", bad, 100), bad).code());
        }
        assertEquals("مريم", Names.displayName("مريم"), "right-to-left names are names");
        assertEquals("שלום עולם", Names.title("שלום עולם"));
    }

    @Test
    void countsCharactersNotCodeUnits() {
        assertEquals(40, Names.displayName("🌍".repeat(40)).codePointCount(0, 80));
        assertThrows(Rejection.class, () -> Names.displayName("🌍".repeat(41)));
    }

    @Test
    void refusesBlankTooLongControlAndBrokenText() {
        for (String bad : new String[] {null, "", "   ", "x".repeat(41), "a\nb", "tab\there", "nul\0", "line\u2028sep", "half\uD83C"}) {
            Rejection r = assertThrows(Rejection.class, () -> Names.displayName(bad), String.valueOf(bad));
            assertEquals("invalid", r.code());
        }
    }
}
