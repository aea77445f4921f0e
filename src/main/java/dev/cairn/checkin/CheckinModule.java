package dev.cairn.checkin;

import dev.cairn.checkin.CheckinEvent.Answered;
import dev.cairn.checkin.CheckinEvent.Closed;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Check-ins, the trust pulse, on the module seam: a facilitator asks one scale question, members
 * answer anonymously with an optional word, and the close shows only the distribution. An answer
 * is a sealed event: no other board ever gets its value or word, the archive keeps it without
 * them, and the close erases every answer, so afterwards nothing links a member to a value.
 */
public final class CheckinModule implements Module<CheckinState> {
    private static final CheckinModule INSTANCE = new CheckinModule();

    /** Public for {@link java.util.ServiceLoader}. */
    public CheckinModule() {
    }

    /** A room's check-ins (the full state, every answer of the open one included). */
    public static CheckinState of(RoomState room) {
        return room.part(INSTANCE);
    }

    @Override
    public String key() {
        return "checkin";
    }

    @Override
    public Class<CheckinState> stateType() {
        return CheckinState.class;
    }

    @Override
    public CheckinState initial() {
        return CheckinState.empty();
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("checkin.open", CheckinCommand.Open.class);
        commands.put("checkin.answer", CheckinCommand.Answer.class);
        commands.put("checkin.close", CheckinCommand.Close.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("checkin.opened", CheckinEvent.Opened.class);
        events.put("checkin.answered", Answered.class);
        events.put("checkin.closed", Closed.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        return CheckinRules.decide(room, actor, ctx.now(), (CheckinCommand) command);
    }

    @Override
    public CheckinState apply(CheckinState part, Sequenced event, RoomState room) {
        return CheckinRules.apply(part, event);
    }

    // ---- views per viewer ------------------------------------------------------------------------

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    @Override
    public CheckinState view(CheckinState part, Viewer viewer) {
        return part.viewFor(viewer.memberId());
    }

    /** Another member's answer arrives as the count only. */
    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (!(event.event() instanceof Answered a) || event.by().equals(viewer.memberId())) return event;
        return withoutAnswer(event, a);
    }

    private static Sequenced withoutAnswer(Sequenced event, Answered a) {
        return new Sequenced(event.seq(), event.at(), event.by(), new Answered(a.checkinId(), null, null, a.answered()));
    }

    // ---- sealed events ---------------------------------------------------------------------------

    /** The archive keeps an answer as the count only. */
    @Override
    public Sequenced archived(Sequenced event) {
        return event.event() instanceof Answered a ? withoutAnswer(event, a) : null;
    }

    /** The close erases every answer of the check-in. */
    @Override
    public List<Long> erases(Sequenced event, RoomState before) {
        if (!(event.event() instanceof Closed c)) return List.of();
        Pulse open = of(before).open();
        if (open == null || !open.id().equals(c.result().id())) return List.of();
        List<Long> seqs = new ArrayList<>();
        for (Answer a : open.answers().values()) seqs.addAll(a.seqs());
        seqs.sort(null);
        return seqs;
    }

    // ---- the meeting record ----------------------------------------------------------------------

    @Override
    public String recordTitle() {
        return "Check-ins";
    }

    @Override
    public RecordPart record(Viewer viewer) {
        return new CheckinRecord();
    }
}
