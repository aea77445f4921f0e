package dev.cairn.meeting;

import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The meeting's section of a record: for each meeting within the span, the agenda as planned
 * against the time each segment took (segments the meeting never reached included), and who
 * attended, from when and for how long, from the meeting's own events.
 */
public final class MeetingRecord implements RecordPart {

    /** One agenda segment: {@code status} done, skipped, active or not_reached; planned minutes against actual millis. */
    public record Item(String segmentId, String title, String kind, String status, int plannedMinutes, long actualMs) {
    }

    public record Attendee(String memberId, String name, long firstSeen, long presentMs) {
    }

    /** One meeting: {@code endedAt}, {@code durationMs} and {@code endReason} null while it runs. */
    public record Held(String meetingId, int number, long startedAt, Long endedAt, Long durationMs, String endReason,
                       List<Item> agenda, List<Attendee> attendance) {
    }

    public record Section(List<Held> meetings) {
    }

    /** What is known of a meeting while its events are read. */
    private static final class Open {
        final String id;
        final int number;
        final long startedAt;
        final Map<String, Item> runs = new LinkedHashMap<>();
        Held held;

        Open(String id, int number, long startedAt) {
            this.id = id;
            this.number = number;
            this.startedAt = startedAt;
        }
    }

    private final List<Open> meetings = new ArrayList<>();
    private int started;
    private long lastAt;

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean during) {
        lastAt = event.at();
        if (event.event() instanceof MeetingEvent.Started s) {
            started++;
            if (during) meetings.add(new Open(s.meetingId(), started, event.at()));
            return;
        }
        Open open = meetings.isEmpty() ? null : meetings.get(meetings.size() - 1);
        if (!during || open == null || open.held != null) return;
        if (event.event() instanceof MeetingEvent.SegmentStarted e) {
            Segment s = MeetingModule.of(after).segment(e.segmentId());
            open.runs.put(e.segmentId(), item(s, e.segmentId(), Run.ACTIVE, e.plannedMinutes(), 0));
        } else if (event.event() instanceof MeetingEvent.SegmentEnded e) {
            Segment s = MeetingModule.of(before).segment(e.segmentId());
            open.runs.remove(e.segmentId());
            open.runs.put(e.segmentId(), item(s, e.segmentId(), e.status(), e.plannedMinutes(), e.actualMs()));
        } else if (event.event() instanceof MeetingEvent.Ended e && e.meetingId().equals(open.id)) {
            Meeting m = MeetingModule.current(before);
            open.held = held(open, before, m, event.at(), e.reason(), e.attendedMs());
        }
    }

    private static Item item(Segment s, String id, String status, int planned, long actual) {
        return new Item(id, s == null ? "(removed segment)" : s.title(), s == null ? null : s.kind(), status, planned, actual);
    }

    /** The meeting as it ended (or as it stands, {@code endedAt} null); {@code attended} from the end event. */
    private static Held held(Open open, RoomState room, Meeting m, long at, String reason, Map<String, Long> attended) {
        List<Item> agenda = new ArrayList<>(open.runs.values());
        for (Segment s : MeetingModule.of(room).agenda()) {
            if (!open.runs.containsKey(s.id())) agenda.add(new Item(s.id(), s.title(), s.kind(), "not_reached", s.minutes(), 0));
        }
        List<Attendee> attendance = new ArrayList<>();
        if (m != null) {
            m.attendance().forEach((id, a) -> attendance.add(new Attendee(id, RecordWriter.name(room, id), a.firstSeen(),
                attended != null && attended.containsKey(id) ? attended.get(id) : a.presentMs(at))));
        }
        attendance.sort(java.util.Comparator.comparingLong(Attendee::firstSeen).thenComparing(Attendee::memberId));
        boolean ended = reason != null;
        return new Held(open.id, open.number, open.startedAt, ended ? at : null, ended ? at - open.startedAt : null,
            reason, agenda, attendance);
    }

    @Override
    public Object section(RoomState end) {
        List<Held> out = new ArrayList<>();
        for (Open open : meetings) {
            Held h = open.held != null ? open.held : held(open, end, MeetingModule.current(end), lastAt, null, null);
            // Names as the room knows them at the end of the span.
            List<Attendee> named = h.attendance().stream()
                .map(a -> new Attendee(a.memberId(), RecordWriter.name(end, a.memberId()), a.firstSeen(), a.presentMs())).toList();
            out.add(new Held(h.meetingId(), h.number(), h.startedAt(), h.endedAt(), h.durationMs(), h.endReason(), h.agenda(), named));
        }
        return new Section(out);
    }

    @Override
    public void write(Object data, RecordWriter out) {
        Section s = (Section) data;
        if (s.meetings().isEmpty()) {
            out.paragraph("No meeting was held in the span of this record.");
            return;
        }
        for (Held h : s.meetings()) {
            out.heading("Meeting " + h.number());
            out.paragraph("Started " + RecordWriter.time(h.startedAt()) + (h.endedAt() == null ? "; still running."
                : "; ended " + RecordWriter.time(h.endedAt()) + " after " + RecordWriter.duration(h.durationMs())
                    + ("idle".equals(h.endReason()) ? " (nobody was left)." : ".")));
            if (h.agenda().isEmpty()) {
                out.paragraph("No agenda.");
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (Item i : h.agenda()) {
                    boolean ran = i.status().equals(Run.DONE) || i.status().equals(Run.ACTIVE) || i.actualMs() > 0;
                    rows.add(List.of(i.title(), status(i.status()), i.plannedMinutes() + " min",
                        ran ? RecordWriter.duration(i.actualMs()) : "", ran ? difference(i) : ""));
                }
                out.table(List.of("Segment", "Status", "Planned", "Actual", "Over / under"), rows);
            }
            if (h.attendance().isEmpty()) {
                out.paragraph("Nobody's attendance was recorded.");
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (Attendee a : h.attendance()) {
                    rows.add(List.of(a.name(), RecordWriter.time(a.firstSeen()), RecordWriter.duration(a.presentMs())));
                }
                out.table(List.of("Attended", "From", "Present for"), rows);
            }
        }
    }

    private static String status(String status) {
        return switch (status) {
            case Run.DONE -> "done";
            case Run.SKIPPED -> "skipped";
            case Run.ACTIVE -> "under way";
            default -> "not reached";
        };
    }

    private static String difference(Item i) {
        long diff = i.actualMs() - i.plannedMinutes() * MeetingRules.MINUTE;
        if (Math.abs(diff) < 1000) return "on time";
        return (diff > 0 ? "+" : "−") + RecordWriter.duration(Math.abs(diff));
    }
}
