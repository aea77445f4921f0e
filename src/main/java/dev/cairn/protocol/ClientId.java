package dev.cairn.protocol;

/**
 * A command's client id read as a tag and a counter: the trailing digits are the counter and the
 * rest is the tag ({@code "k3f9x2-17"} is tag {@code "k3f9x2-"}, counter 17). A board numbers its
 * commands upwards under one random tag per page load, so "counter at or below the highest one
 * applied for this tag" recognises a re-send, however late.
 */
public record ClientId(String tag, long counter) {
    private static final int MAX_DIGITS = 18;

    /** The tag and counter of {@code id}, or null when it does not end in digits. */
    public static ClientId parse(String id) {
        if (id == null) return null;
        int start = id.length();
        while (start > 0 && Character.isDigit(id.charAt(start - 1)) && id.charAt(start - 1) < 128) start--;
        int digits = id.length() - start;
        if (digits == 0 || digits > MAX_DIGITS) return null;
        return new ClientId(id.substring(0, start), Long.parseLong(id.substring(start)));
    }
}
