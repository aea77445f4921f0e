package dev.cairn.room;

/** A command the rules refuse: carries the stable error code the client receives. */
public final class Rejection extends RuntimeException {
    private final String code;

    public Rejection(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Rejection invalid(String message) {
        return new Rejection("invalid", message);
    }

    public static Rejection forbidden(String message) {
        return new Rejection("forbidden", message);
    }

    public static Rejection notFound(String message) {
        return new Rejection("not_found", message);
    }

    public static Rejection conflict(String message) {
        return new Rejection("conflict", message);
    }
}
