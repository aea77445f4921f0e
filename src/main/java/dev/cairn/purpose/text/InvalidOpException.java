package dev.cairn.purpose.text;

/** Signals a text operation that is malformed or does not fit the document it is applied to. */
public final class InvalidOpException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming what is wrong with the operation. */
    public InvalidOpException(String message) {
        super(message);
    }
}
