package dev.cairn.decision;

/**
 * How a proposal is voted on. As sent, every field is optional; as stored, the booleans are set
 * and the fields that do not apply to the method are null.
 *
 * @param anonymous         ballots are secret: only that a member voted is ever shown
 * @param resultsHidden     no running result for anyone (facilitators included) until the close
 * @param quorum            at least this many ballots (a count)
 * @param quorumPercent     at least this share of the members present, in percent (1–100)
 * @param deadlineSeconds   the room's clock closes the proposal this long after it opens
 * @param closeWhenAllVoted close as soon as every eligible member has voted
 * @param majority          yes / no / abstain: the majority needed
 * @param threshold         fist-to-five: carried when no one scores below this (0–5)
 * @param maxChoices        choice: a ballot names one to this many options
 * @param budget            dot vote: dots per member
 * @param perOptionCap      dot vote: at most this many dots on one option
 */
public record Settings(Boolean anonymous, Boolean resultsHidden, Integer quorum, Integer quorumPercent,
                       Integer deadlineSeconds, Boolean closeWhenAllVoted, Majority majority, Integer threshold,
                       Integer maxChoices, Integer budget, Integer perOptionCap) {

    public boolean anonymousBallots() {
        return Boolean.TRUE.equals(anonymous);
    }

    public boolean resultsAfterClose() {
        return Boolean.TRUE.equals(resultsHidden);
    }

    public boolean closesOnFullTurnout() {
        return Boolean.TRUE.equals(closeWhenAllVoted);
    }

    /** Whether another member may see how someone voted before the close. */
    public boolean ballotsSecret() {
        return anonymousBallots() || resultsAfterClose();
    }
}
