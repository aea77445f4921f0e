package dev.cairn.checkin;

import dev.cairn.checkin.CheckinEvent.Closed;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The check-ins section of a record: the results of the check-ins closed within the span (question,
 * distribution, mean, words) and the room's trend up to the span's end (every closed check-in with
 * its meeting and mean). Built from {@code checkin.closed} alone, which names nobody.
 */
final class CheckinRecord implements RecordPart {

    /** One closed check-in on the trend line. */
    record Point(String checkinId, String meetingId, long closedAt, int answered, Double mean, int min, int max) {
    }

    /** The section: results within the span, and the trend up to its end. */
    record Section(List<Result> checkins, List<Point> trend) {
    }

    private final List<Result> during = new ArrayList<>();
    private final List<Point> trend = new ArrayList<>();

    @Override
    public void event(Sequenced event, RoomState before, RoomState after, boolean within) {
        if (!(event.event() instanceof Closed c)) return;
        Result r = c.result();
        if (within) during.add(r);
        trend.add(new Point(r.id(), r.meetingId(), r.closedAt(), r.answered(), r.mean(), r.min(), r.max()));
    }

    @Override
    public Object section(RoomState end) {
        if (during.isEmpty() && trend.isEmpty()) return null;
        return new Section(List.copyOf(during), List.copyOf(trend));
    }

    @Override
    public void write(Object section, RecordWriter out) {
        Section s = (Section) section;
        if (s.checkins().isEmpty()) out.paragraph("No check-in was closed in this span.");
        for (Result r : s.checkins()) {
            out.heading(r.question());
            out.paragraph(r.answered() + (r.answered() == 1 ? " member answered" : " members answered")
                + (r.mean() == null ? "." : ", mean " + mean(r.mean()) + " on a scale of " + r.min() + " to " + r.max() + "."));
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < r.counts().size(); i++) rows.add(List.of(Integer.toString(r.min() + i), Integer.toString(r.counts().get(i))));
            out.table(List.of("Answer", "Members"), rows);
            if (!r.words().isEmpty()) out.list(r.words());
        }
        if (s.trend().isEmpty()) return;
        out.heading("Trend across the room's meetings");
        List<List<String>> rows = new ArrayList<>();
        for (Point p : s.trend()) {
            rows.add(List.of(p.meetingId() == null ? "between meetings" : p.meetingId(), Instant.ofEpochMilli(p.closedAt()).toString(),
                Integer.toString(p.answered()), p.mean() == null ? "–" : mean(p.mean()) + " of " + p.max()));
        }
        out.table(List.of("Meeting", "Closed", "Answered", "Mean"), rows);
    }

    private static String mean(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
