package dev.cairn.purpose.text;

/** Keeps the next {@code n} UTF-16 code units of the document unchanged. */
public record Skip(int n) implements Component {

    /** Rejects empty or negative skips so that every component has an effect. */
    public Skip {
        if (n <= 0) {
            throw new InvalidOpException("skip must be positive, got " + n);
        }
    }

    @Override
    public int length() {
        return n;
    }
}
