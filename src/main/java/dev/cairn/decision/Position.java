package dev.cairn.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A ballot's stance: consent, stand aside or object (consent); yes, no or abstain (yes / no / abstain). */
public enum Position {
    @JsonProperty("consent") CONSENT("consent"),
    @JsonProperty("stand_aside") STAND_ASIDE("stand_aside"),
    @JsonProperty("object") OBJECT("object"),
    @JsonProperty("yes") YES("yes"),
    @JsonProperty("no") NO("no"),
    @JsonProperty("abstain") ABSTAIN("abstain");

    private final String wire;

    Position(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
