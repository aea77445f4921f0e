package dev.cairn.queue;

import dev.cairn.meeting.MeetingEvent;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The speaking queue's section of a record: for each meeting in the span, every speaker's turns
 * and speaking time, their share, and the meeting's balance figure (1 − Gini, as the last
 * {@code queue.turn_ended} of the meeting carried it). Turns outside any meeting are listed apart.
 */
public final class QueueRecord implements RecordPart {

    public record Speaker(String speaker, String memberId, String name, int turns, long millis, double share) {
    }

    /** One meeting's floor ({@code meetingId} and {@code number} null for turns outside any meeting). */
    public record Floor(String meetingId, Integer number, int turns, long millis, Double balance, List<Speaker> speakers) {
    }

    public record Section(List<Floor> meetings) {
    }

    private static final class Tally {
        final Integer number;
        final Map<String, long[]> bySpeaker = new LinkedHashMap<>();
        final Map<String, QueueEvent.TurnEnded> last = new LinkedHashMap<>();
        Double balance;

        Tally(Integer number) {
            this.number = number;
        }
    }

    private final Map<String, Tally> floors = new LinkedHashMap<>();
    private final Map<String, Integer> numbers = new LinkedHashMap<>();

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean during) {
        if (event.event() instanceof MeetingEvent.Started s) numbers.put(s.meetingId(), numbers.size() + 1);
        if (!during || !(event.event() instanceof QueueEvent.TurnEnded e)) return;
        String key = e.meetingId() == null ? "" : e.meetingId();
        Tally t = floors.computeIfAbsent(key, k -> new Tally(e.meetingId() == null ? null : numbers.get(e.meetingId())));
        long[] sum = t.bySpeaker.computeIfAbsent(e.speaker(), k -> new long[2]);
        sum[0]++;
        sum[1] += e.millis();
        t.last.put(e.speaker(), e);
        t.balance = e.balance();
    }

    @Override
    public Object section(RoomState end) {
        List<Floor> out = new ArrayList<>();
        floors.forEach((key, t) -> {
            long total = t.bySpeaker.values().stream().mapToLong(v -> v[1]).sum();
            int turns = (int) t.bySpeaker.values().stream().mapToLong(v -> v[0]).sum();
            List<Speaker> speakers = new ArrayList<>();
            t.bySpeaker.forEach((speaker, v) -> {
                QueueEvent.TurnEnded e = t.last.get(speaker);
                String name = e.memberId() == null ? e.name() : RecordWriter.name(end, e.memberId());
                speakers.add(new Speaker(speaker, e.memberId(), name, (int) v[0], v[1], total == 0 ? 0 : (double) v[1] / total));
            });
            speakers.sort((a, b) -> Long.compare(b.millis(), a.millis()));
            out.add(new Floor(key.isEmpty() ? null : key, t.number, turns, total, key.isEmpty() ? null : t.balance, speakers));
        });
        return new Section(out);
    }

    @Override
    public void write(Object data, RecordWriter out) {
        Section s = (Section) data;
        if (s.meetings().isEmpty()) {
            out.paragraph("Nobody took the floor from the queue in the span of this record.");
            return;
        }
        for (Floor f : s.meetings()) {
            out.heading(f.number() == null ? "Outside meetings" : "Meeting " + f.number());
            List<List<String>> rows = new ArrayList<>();
            for (Speaker sp : f.speakers()) {
                rows.add(List.of(sp.name(), Integer.toString(sp.turns()), RecordWriter.duration(sp.millis()),
                    Math.round(sp.share() * 100) + " %"));
            }
            out.table(List.of("Speaker", "Turns", "Speaking time", "Share"), rows);
            out.paragraph(f.turns() + (f.turns() == 1 ? " turn, " : " turns, ") + RecordWriter.duration(f.millis()) + " in all. "
                + (f.balance() == null ? "Balance: not defined (fewer than two participants present, or nobody spoke)."
                : "Balance: " + String.format(Locale.ROOT, "%.2f", f.balance())
                + " (1 means every participant present spoke equally long)."));
        }
    }
}
