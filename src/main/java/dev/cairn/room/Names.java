package dev.cairn.room;

/** Validates the free text people type: display names and titles. */
public final class Names {
    public static final int MAX_NAME = 40;
    public static final int MAX_TITLE = 120;

    private Names() {
    }

    /** Returns the trimmed display name, or throws {@link Rejection} with code {@code invalid}. */
    public static String displayName(String raw) {
        return text("name", raw, MAX_NAME);
    }

    public static String title(String raw) {
        return text("title", raw, MAX_TITLE);
    }

    /** Empty text becomes "", anything else is checked like {@link #text}. */
    public static String optional(String field, String raw, int max) {
        return raw == null || raw.isBlank() ? "" : text(field, raw, max);
    }

    /** Required free text: trimmed, 1 to {@code max} characters, no control characters. */
    public static String text(String field, String raw, int max) {
        return check(field, raw, max, false);
    }

    /** Optional text that may span lines (comments): line breaks allowed, other control characters not. */
    public static String paragraph(String field, String raw, int max) {
        return raw == null || raw.isBlank() ? "" : check(field, raw, max, true);
    }

    private static String check(String field, String raw, int max, boolean multiline) {
        if (raw == null) throw Rejection.invalid(field + " is required");
        String value = raw.strip();
        if (value.isEmpty()) throw Rejection.invalid(field + " must not be blank");
        if (value.codePointCount(0, value.length()) > max) {
            throw Rejection.invalid(field + " must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((Character.isISOControl(c) && !(multiline && (c == '\n'))) || c == '\u2028' || c == '\u2029') {
                throw Rejection.invalid(field + " must not contain control characters");
            }
            if (isDirectionControl(c)) {
                throw Rejection.invalid(field + " must not contain text-direction controls");
            }
            if (Character.isSurrogate(c) && !validPair(value, i)) {
                throw Rejection.invalid(field + " contains a broken character");
            }
            if (Character.isHighSurrogate(c)) i++;
        }
        return value;
    }

    /**
     * Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one in a name turns the
     * text around it on every board (a name ending in U+202E reverses what follows it).
     */
    private static boolean isDirectionControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
    }

    private static boolean validPair(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
}
