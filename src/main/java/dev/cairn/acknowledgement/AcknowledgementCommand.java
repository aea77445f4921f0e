package dev.cairn.acknowledgement;

import dev.cairn.room.RoomCommand;

/** What a member asks of their acknowledgements. Each is named by {@code acknowledgementId}; {@code id} is every command's message id. */
public sealed interface AcknowledgementCommand extends RoomCommand {

    /** Starts a private draft of the member's own part in the status quo: only they see it. */
    record Draft(String text) implements AcknowledgementCommand {
    }

    /** The author rewords their acknowledgement: privately while it is a draft, for the room once shared. */
    record Edit(String acknowledgementId, String text) implements AcknowledgementCommand {
    }

    /** The author shows their draft to the room. */
    record Share(String acknowledgementId) implements AcknowledgementCommand {
    }

    /** The author takes their acknowledgement back: it leaves every board. */
    record Withdraw(String acknowledgementId) implements AcknowledgementCommand {
    }
}
