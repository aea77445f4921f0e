package dev.cairn.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The share of yes among yes and no (abstentions left out) a yes / no / abstain vote needs to carry. */
public enum Majority {
    /** More yes than no. */
    @JsonProperty("simple") SIMPLE,
    /** At least two thirds yes. */
    @JsonProperty("two_thirds") TWO_THIRDS,
    /** No one says no. */
    @JsonProperty("unanimity") UNANIMITY;

    /** Whether {@code yes} against {@code no} carries (at least one yes is always needed). */
    public boolean carries(int yes, int no) {
        if (yes == 0) return false;
        return switch (this) {
            case SIMPLE -> yes > no;
            case TWO_THIRDS -> 3L * yes >= 2L * (yes + no);
            case UNANIMITY -> no == 0;
        };
    }
}
