package dev.cairn.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a mandate proposal asks: give a member the facilitator's role, or take it back. */
public enum MandateAction {
    @JsonProperty("grant") GRANT,
    @JsonProperty("withdraw") WITHDRAW
}
