package dev.cairn.auth;

import java.security.SecureRandom;

/** Random identifiers for rooms, members and connections: unguessable, URL-safe. */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

    private Ids() {
    }

    public static String room() {
        return random(12);
    }

    public static String member() {
        return random(10);
    }

    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        return new String(out);
    }

    /** Room ids as issued: what a URL or a key may contain. */
    public static boolean isRoomId(String id) {
        return id != null && id.matches("[A-Za-z0-9]{6,32}");
    }
}
