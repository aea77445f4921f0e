package dev.cairn.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a proposal is decided: each method has its own ballot and its own count. */
public enum Method {
    @JsonProperty("consent") CONSENT("consent"),
    @JsonProperty("fist_to_five") FIST_TO_FIVE("fist_to_five"),
    @JsonProperty("yes_no") YES_NO("yes_no"),
    @JsonProperty("choice") CHOICE("choice"),
    @JsonProperty("dot_vote") DOT_VOTE("dot_vote"),
    @JsonProperty("ranked") RANKED("ranked");

    private final String wire;

    Method(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the proposal lists options to vote on. */
    public boolean hasOptions() {
        return this == CHOICE || this == DOT_VOTE || this == RANKED;
    }
}
