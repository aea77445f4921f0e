package dev.cairn.purpose.text;

/** Removes the next {@code n} UTF-16 code units of the document. */
public record Delete(int n) implements Component {

    /** Rejects empty or negative deletes so that every component has an effect. */
    public Delete {
        if (n <= 0) {
            throw new InvalidOpException("delete must be positive, got " + n);
        }
    }

    @Override
    public int length() {
        return n;
    }
}
