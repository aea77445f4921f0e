package dev.cairn.purpose.text;

/** Checks that edits never cut a surrogate pair in half, so documents stay valid Unicode. */
final class Utf16 {
    private Utf16() {
    }

    /** Whether a cut at {@code index} would fall between a high and the following low surrogate. */
    static boolean splitsPair(CharSequence s, int index) {
        return index > 0 && index < s.length()
                && Character.isHighSurrogate(s.charAt(index - 1))
                && Character.isLowSurrogate(s.charAt(index));
    }

    /** The index of the first surrogate in {@code s} that is not part of a pair, or -1. */
    static int loneSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
