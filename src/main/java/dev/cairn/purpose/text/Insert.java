package dev.cairn.purpose.text;

import java.util.Objects;

/** Inserts {@code text} at the current position of the document. */
public record Insert(String text) implements Component {

    /** Rejects null and empty text so that every component has an effect. */
    public Insert {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new InvalidOpException("insert must not be empty");
        }
    }

    @Override
    public int length() {
        return text.length();
    }
}
