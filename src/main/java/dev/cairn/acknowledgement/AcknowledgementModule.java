package dev.cairn.acknowledgement;

import dev.cairn.acknowledgement.AcknowledgementEvent.Drafted;
import dev.cairn.acknowledgement.AcknowledgementEvent.Edited;
import dev.cairn.acknowledgement.AcknowledgementEvent.Shared;
import dev.cairn.acknowledgement.AcknowledgementEvent.Withdrawn;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Acknowledgements on the module seam: each member names their own part in the situation the group
 * wants to change. A draft is private: only its author's board ever receives it (views per viewer),
 * and it is a sealed event, so the archive never keeps a draft's text and sharing, editing or
 * withdrawing it erases the earlier copies. Once shared, the room sees it with its author.
 */
public final class AcknowledgementModule implements Module<AcknowledgementState> {
    private static final AcknowledgementModule INSTANCE = new AcknowledgementModule();

    /** Public for {@link java.util.ServiceLoader}. */
    public AcknowledgementModule() {
    }

    /** A room's acknowledgements, drafts included (the full state, not a viewer's). */
    public static AcknowledgementState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "acknowledgement";
    }

    @Override
    public Class<AcknowledgementState> stateType() {
        return AcknowledgementState.class;
    }

    @Override
    public AcknowledgementState initial() {
        return AcknowledgementState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("acknowledgement.draft", AcknowledgementCommand.Draft.class);
        commands.put("acknowledgement.edit", AcknowledgementCommand.Edit.class);
        commands.put("acknowledgement.share", AcknowledgementCommand.Share.class);
        commands.put("acknowledgement.withdraw", AcknowledgementCommand.Withdraw.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("acknowledgement.drafted", Drafted.class);
        events.put("acknowledgement.edited", Edited.class);
        events.put("acknowledgement.shared", Shared.class);
        events.put("acknowledgement.withdrawn", Withdrawn.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return AcknowledgementRules.decide(room, actor, (AcknowledgementCommand) command);
    }

    @Override
    public AcknowledgementState apply(AcknowledgementState part, Sequenced event, RoomState room) {
        return AcknowledgementRules.apply(part, event);
    }

    // ---- views per viewer ------------------------------------------------------------------------

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    @Override
    public AcknowledgementState view(AcknowledgementState part, Viewer viewer) {
        return part.viewFor(viewer.memberId());
    }

    /** A draft's event reaches everyone but its author with nothing in it: no id, no text. */
    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (event.by().equals(viewer.memberId())) return event;
        RoomEvent hidden = redacted(event.event());
        return hidden == null ? event : new Sequenced(event.seq(), event.at(), event.by(), hidden);
    }

    /** The empty copy of a draft's event, or null for an event the room may see. */
    private static RoomEvent redacted(RoomEvent event) {
        if (event instanceof Drafted) return new Drafted(null, null);
        if (event instanceof Edited e && !e.shared()) return new Edited(null, null, false);
        if (event instanceof Withdrawn e && !e.shared()) return new Withdrawn(null, false);
        return null;
    }

    // ---- sealed events ---------------------------------------------------------------------------

    /** A draft's text never enters the archive: it keeps the event without it. */
    @Override
    public Sequenced archived(Sequenced event) {
        if (event.event() instanceof Drafted d) {
            return new Sequenced(event.seq(), event.at(), event.by(), new Drafted(d.acknowledgementId(), null));
        }
        if (event.event() instanceof Edited e && !e.shared()) {
            return new Sequenced(event.seq(), event.at(), event.by(), new Edited(e.acknowledgementId(), null, false));
        }
        return null;
    }

    /** Editing a draft erases its earlier text; sharing or withdrawing it erases every draft copy. */
    @Override
    public List<Long> erases(Sequenced event, RoomState before) {
        String id;
        if (event.event() instanceof Edited e && !e.shared()) id = e.acknowledgementId();
        else if (event.event() instanceof Shared e) id = e.acknowledgementId();
        else if (event.event() instanceof Withdrawn e && !e.shared()) id = e.acknowledgementId();
        else return List.of();
        Acknowledgement a = id == null ? null : of(before).find(id);
        return a == null ? List.of() : a.draftSeqs();
    }

    // ---- the meeting record ----------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Acknowledgements";
    }

    @Override
    public RecordPart record(Viewer viewer) {
        return new AcknowledgementRecord();
    }
}
