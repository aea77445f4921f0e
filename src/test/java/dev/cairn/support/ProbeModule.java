package dev.cairn.support;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cairn.room.Context;
import dev.cairn.room.Deadline;
import dev.cairn.room.Member;
import dev.cairn.room.Module;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A test-only feature on the module seam, registered through
 * {@code src/test/resources/META-INF/services/dev.cairn.room.Module}, that exercises the seams a
 * real feature will use:
 * <ul>
 *   <li>notes, with views per viewer: {@code probe.note {text, private}} by any non-observer
 *       becomes {@code probe.noted {noteId, text, private}}; the text of a private note is seen by
 *       its author only, in the state and in the event;</li>
 *   <li>alarms, on the room's clock: {@code probe.alarm {alarmId, at}} by a facilitator becomes
 *       {@code probe.alarm_set}; each alarm not yet rung is a deadline, and when it fires the rules
 *       emit {@code probe.alarm_rang {alarmId}} only while it is still due;</li>
 *   <li>sealed events: a private note is archived without its text, which is kept apart until
 *       its author shreds it ({@code probe.shred {noteId}} → {@code probe.shredded}), erasing it;</li>
 *   <li>presence: once a facilitator sent {@code probe.watch}, {@code probe.arrived} / {@code probe.left {memberId}}
 *       as members come online and go.</li>
 * </ul>
 * The wire field {@code private} is a Java keyword, so that one component carries its wire name.
 */
public final class ProbeModule implements Module<ProbeModule.Part> {
    public static final int MAX_NOTE = 500;
    public static final int MAX_ALARM_ID = 64;

    /** Public for {@link java.util.ServiceLoader}. */
    public ProbeModule() {
    }

    // ---- commands, events, state -----------------------------------------------------------------

    /** What members ask of the probe. */
    public sealed interface ProbeCommand extends RoomCommand {

        /** Any non-observer writes a note; a private one is for the author's eyes only. */
        record WriteNote(String text, @JsonProperty("private") Boolean secret) implements ProbeCommand {
        }

        /** A facilitator starts recording who comes and goes. */
        record Watch() implements ProbeCommand {
        }

        /** The author of a private note erases its text for good. */
        record Shred(String noteId) implements ProbeCommand {
        }

        /** A facilitator sets an alarm that rings at {@code at} (epoch millis). */
        record SetAlarm(String alarmId, Long at) implements ProbeCommand {
        }
    }

    /** Changes to the probe. */
    public sealed interface ProbeEvent extends RoomEvent {

        /** A note was written; {@code text} is null in the copy sent to anyone but the author of a private one. */
        record Noted(String noteId, String text, @JsonProperty("private") boolean secret) implements ProbeEvent {
        }

        record AlarmSet(String alarmId, long at) implements ProbeEvent {
        }

        record Shredded(String noteId) implements ProbeEvent {
        }

        record Watched() implements ProbeEvent {
        }

        record Arrived(String memberId) implements ProbeEvent {
        }

        record Left(String memberId) implements ProbeEvent {
        }

        record AlarmRang(String alarmId) implements ProbeEvent {
        }
    }

    /** One note; {@code text} is null where the viewer may not read it. */
    public record Note(String id, String author, String text, @JsonProperty("private") boolean secret) {
    }

    /** One alarm, and whether it has rung. */
    public record Alarm(String id, long at, boolean rung) {
    }

    /** The probe's part of a room: notes and alarms in the order they were made, who is here. */
    public record Part(List<Note> notes, List<Alarm> alarms, List<String> present, boolean watching) {
        public Part {
            notes = List.copyOf(notes);
            alarms = List.copyOf(alarms);
            present = List.copyOf(present);
        }

        public Note note(String id) {
            for (Note n : notes) if (n.id().equals(id)) return n;
            return null;
        }

        public Alarm alarm(String id) {
            for (Alarm a : alarms) if (a.id().equals(id)) return a;
            return null;
        }
    }

    // ---- the module ------------------------------------------------------------------------------

    @Override
    public String key() {
        return "probe";
    }

    @Override
    public Class<Part> stateType() {
        return Part.class;
    }

    @Override
    public Part initial() {
        return new Part(List.of(), List.of(), List.of(), false);
    }

    @Override
    public Map<String, Class<? extends RoomCommand>> commands() {
        Map<String, Class<? extends RoomCommand>> commands = new LinkedHashMap<>();
        commands.put("probe.note", ProbeCommand.WriteNote.class);
        commands.put("probe.alarm", ProbeCommand.SetAlarm.class);
        commands.put("probe.shred", ProbeCommand.Shred.class);
        commands.put("probe.watch", ProbeCommand.Watch.class);
        return commands;
    }

    @Override
    public Map<String, Class<? extends RoomEvent>> events() {
        Map<String, Class<? extends RoomEvent>> events = new LinkedHashMap<>();
        events.put("probe.noted", ProbeEvent.Noted.class);
        events.put("probe.alarm_set", ProbeEvent.AlarmSet.class);
        events.put("probe.alarm_rang", ProbeEvent.AlarmRang.class);
        events.put("probe.shredded", ProbeEvent.Shredded.class);
        events.put("probe.watched", ProbeEvent.Watched.class);
        events.put("probe.arrived", ProbeEvent.Arrived.class);
        events.put("probe.left", ProbeEvent.Left.class);
        return events;
    }

    @Override
    public List<RoomEvent> decide(RoomState room, Member actor, Context ctx, RoomCommand command) {
        if (command instanceof ProbeCommand.WriteNote c) {
            RoomRules.requireEditor(actor, "write notes");
            String text = Names.paragraph("text", c.text(), MAX_NOTE);
            if (text.isEmpty()) throw Rejection.invalid("text is required");
            return List.of(new ProbeEvent.Noted("n" + (room.seq() + 1), text, Boolean.TRUE.equals(c.secret())));
        }
        if (command instanceof ProbeCommand.Watch) {
            RoomRules.requireFacilitator(actor, "watch who comes and goes");
            return part(room).watching() ? List.of() : List.of(new ProbeEvent.Watched());
        }
        if (command instanceof ProbeCommand.Shred c) {
            Note note = c.noteId() == null ? null : part(room).note(c.noteId());
            if (note == null) throw Rejection.notFound("no note " + c.noteId());
            if (!note.author().equals(actor.id())) throw Rejection.forbidden("only its author may shred a note");
            if (!note.secret() || note.text() == null) return List.of();
            return List.of(new ProbeEvent.Shredded(note.id()));
        }
        ProbeCommand.SetAlarm c = (ProbeCommand.SetAlarm) command;
        RoomRules.requireFacilitator(actor, "set alarms");
        String id = Names.text("alarmId", c.alarmId(), MAX_ALARM_ID);
        if (c.at() == null || c.at() <= 0) throw Rejection.invalid("at must be a time in epoch millis");
        if (part(room).alarm(id) != null) throw Rejection.conflict("there is already an alarm " + id);
        return List.of(new ProbeEvent.AlarmSet(id, c.at()));
    }

    @Override
    public Part apply(Part part, Sequenced sequenced, RoomState room) {
        RoomEvent event = sequenced.event();
        if (event instanceof ProbeEvent.Noted e) {
            List<Note> notes = new ArrayList<>(part.notes());
            notes.add(new Note(e.noteId(), sequenced.by(), e.text(), e.secret()));
            return new Part(notes, part.alarms(), part.present(), part.watching());
        }
        if (event instanceof ProbeEvent.Shredded e) {
            List<Note> notes = new ArrayList<>(part.notes());
            Note note = part.note(e.noteId());
            notes.set(notes.indexOf(note), new Note(note.id(), note.author(), null, true));
            return new Part(notes, part.alarms(), part.present(), part.watching());
        }
        if (event instanceof ProbeEvent.Watched) {
            return new Part(part.notes(), part.alarms(), part.present(), true);
        }
        if (event instanceof ProbeEvent.Arrived e) {
            List<String> present = new ArrayList<>(part.present());
            present.add(e.memberId());
            return new Part(part.notes(), part.alarms(), present, part.watching());
        }
        if (event instanceof ProbeEvent.Left e) {
            List<String> present = new ArrayList<>(part.present());
            present.remove(e.memberId());
            return new Part(part.notes(), part.alarms(), present, part.watching());
        }
        List<Alarm> alarms = new ArrayList<>(part.alarms());
        if (event instanceof ProbeEvent.AlarmSet e) {
            alarms.add(new Alarm(e.alarmId(), e.at(), false));
        } else {
            ProbeEvent.AlarmRang e = (ProbeEvent.AlarmRang) event;
            Alarm rung = part.alarm(e.alarmId());
            alarms.set(alarms.indexOf(rung), new Alarm(rung.id(), rung.at(), true));
        }
        return new Part(part.notes(), alarms, part.present(), part.watching());
    }

    // ---- the room's clock ------------------------------------------------------------------------

    @Override
    public List<Deadline> deadlines(Part part) {
        List<Deadline> out = new ArrayList<>();
        for (Alarm a : part.alarms()) if (!a.rung()) out.add(new Deadline(a.id(), a.at()));
        return out;
    }

    @Override
    public List<RoomEvent> due(RoomState room, Part part, String deadlineId, long now) {
        Alarm alarm = part.alarm(deadlineId);
        if (alarm == null || alarm.rung() || alarm.at() > now) return List.of();
        return List.of(new ProbeEvent.AlarmRang(alarm.id()));
    }

    // ---- presence and sealed events --------------------------------------------------------------

    @Override
    public List<RoomEvent> presence(RoomState room, Part part, java.util.Set<String> online, long now) {
        if (!part.watching()) return List.of();
        List<RoomEvent> events = new ArrayList<>();
        for (String id : online.stream().sorted().toList()) {
            if (!part.present().contains(id)) events.add(new ProbeEvent.Arrived(id));
        }
        for (String id : part.present()) if (!online.contains(id)) events.add(new ProbeEvent.Left(id));
        return events;
    }

    @Override
    public Sequenced archived(Sequenced event) {
        if (event.event() instanceof ProbeEvent.Noted e && e.secret() && e.text() != null) {
            return new Sequenced(event.seq(), event.at(), event.by(), new ProbeEvent.Noted(e.noteId(), null, true));
        }
        return null;
    }

    @Override
    public List<Long> erases(Sequenced event, RoomState before) {
        if (event.event() instanceof ProbeEvent.Shredded e) return List.of(Long.parseLong(e.noteId().substring(1)));
        return List.of();
    }

    // ---- views per viewer ------------------------------------------------------------------------

    @Override
    public boolean hasPrivateParts() {
        return true;
    }

    @Override
    public Part view(Part part, Viewer viewer) {
        List<Note> notes = new ArrayList<>(part.notes().size());
        for (Note n : part.notes()) {
            notes.add(hidden(n.secret(), n.author(), viewer) ? new Note(n.id(), n.author(), null, true) : n);
        }
        return new Part(notes, part.alarms(), part.present(), part.watching());
    }

    @Override
    public Sequenced view(Sequenced event, Viewer viewer) {
        if (event.event() instanceof ProbeEvent.Noted e && hidden(e.secret(), event.by(), viewer)) {
            return new Sequenced(event.seq(), event.at(), event.by(), new ProbeEvent.Noted(e.noteId(), null, true));
        }
        return event;
    }

    private static boolean hidden(boolean secret, String author, Viewer viewer) {
        return secret && !author.equals(viewer.memberId());
    }
}
