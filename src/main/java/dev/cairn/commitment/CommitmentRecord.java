package dev.cairn.commitment;

import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The commitments section of a meeting record, folded from the archive: the needs posted and the
 * commitments made, changed and reviewed within the span (with who and when), and the ones still
 * open at its end. Names are the members' names at the time of each event.
 */
final class CommitmentRecord implements RecordPart {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** A need posted in the span. */
    record Posted(String needId, String what, String by, long at) {
    }

    /** A commitment made (or claimed from a need) in the span. */
    record Made(String commitmentId, String what, String owner, List<String> forWhom, List<String> withWhom, String due,
                String fromNeed, String by, long at) {
    }

    /** One change to a commitment in the span: what changed, in words. */
    record Changed(String commitmentId, String what, String change, String by, long at) {
    }

    /** One step of a review in the span. */
    record Reviewed(String commitmentId, String what, String owner, String outcome, String status, String note,
                    String meetingId, String by, long at) {
    }

    /** A commitment still open (not done, not released) at the span's end. */
    record Open(String commitmentId, String what, String owner, String status, String note, String due, String checkIn) {
    }

    /** The whole section, as the JSON export holds it. */
    record Section(List<Posted> needsPosted, List<Made> made, List<Changed> changed, List<Reviewed> reviewed,
                   List<Open> openAtEnd) {
    }

    private final List<Posted> posted = new ArrayList<>();
    private final List<Made> made = new ArrayList<>();
    private final List<Changed> changed = new ArrayList<>();
    private final List<Reviewed> reviewed = new ArrayList<>();

    @Override
    public void event(Sequenced sequenced, RoomState before, RoomState after, boolean during) {
        if (!during || !(sequenced.event() instanceof CommitmentEvent event)) return;
        String by = CommitmentRules.name(after, sequenced.by());
        long at = sequenced.at();
        CommitmentState part = CommitmentModule.of(after);
        if (event instanceof CommitmentEvent.NeedPosted e) {
            posted.add(new Posted(e.need().needId(), e.need().what(), by, at));
        } else if (event instanceof CommitmentEvent.Claimed e) {
            made.add(made(after, e.commitment(), e.needId(), by, at));
        } else if (event instanceof CommitmentEvent.Made e) {
            made.add(made(after, e.commitment(), null, by, at));
        } else if (event instanceof CommitmentEvent.Reviewed e) {
            Commitment c = part.commitment(e.step().commitmentId());
            reviewed.add(new Reviewed(e.step().commitmentId(), c == null ? "" : c.what(),
                c == null ? "" : CommitmentRules.name(after, c.ownerId()), e.step().outcome(), e.step().status(),
                e.step().note(), e.step().meetingId(), by, at));
        } else {
            String id = commitmentId(event);
            String words = change(after, event);
            if (id == null || words == null) return;
            Commitment c = part.commitment(id);
            changed.add(new Changed(id, c == null ? "" : c.what(), words, by, at));
        }
    }

    private static Made made(RoomState room, Commitment c, String needId, String by, long at) {
        return new Made(c.commitmentId(), c.what(), CommitmentRules.name(room, c.ownerId()), names(room, c.forWhom()),
            names(room, c.withWhom()), c.due(), needId, by, at);
    }

    private static List<String> names(RoomState room, List<Party> parties) {
        return parties.stream().map(p -> p.member() ? CommitmentRules.name(room, p.memberId()) : p.name()).toList();
    }

    private static String commitmentId(CommitmentEvent event) {
        if (event instanceof CommitmentEvent.Edited e) return e.commitmentId();
        if (event instanceof CommitmentEvent.StatusChanged e) return e.commitmentId();
        if (event instanceof CommitmentEvent.HandoverOffered e) return e.commitmentId();
        if (event instanceof CommitmentEvent.HandoverWithdrawn e) return e.commitmentId();
        if (event instanceof CommitmentEvent.HandoverAccepted e) return e.commitmentId();
        if (event instanceof CommitmentEvent.HandoverDeclined e) return e.commitmentId();
        return null;
    }

    /** A change in words ("status: blocked (waiting for the permit)"), or null for events that change no commitment. */
    private static String change(RoomState room, CommitmentEvent event) {
        if (event instanceof CommitmentEvent.Edited) return "edited";
        if (event instanceof CommitmentEvent.StatusChanged e) {
            return "status: " + e.status().replace('_', ' ') + (e.note() == null ? "" : " (" + e.note() + ")");
        }
        if (event instanceof CommitmentEvent.HandoverOffered e) return "offered to " + CommitmentRules.name(room, e.toMemberId());
        if (event instanceof CommitmentEvent.HandoverWithdrawn) return "hand-over withdrawn";
        if (event instanceof CommitmentEvent.HandoverAccepted e) {
            return "handed over from " + CommitmentRules.name(room, e.fromMemberId()) + " to " + CommitmentRules.name(room, e.toMemberId());
        }
        if (event instanceof CommitmentEvent.HandoverDeclined e) return "hand-over declined by " + CommitmentRules.name(room, e.toMemberId());
        return null;
    }

    @Override
    public Object section(RoomState end) {
        List<Open> open = new ArrayList<>();
        for (Commitment c : CommitmentModule.of(end).commitments()) {
            if (c.stillOpen()) {
                open.add(new Open(c.commitmentId(), c.what(), CommitmentRules.name(end, c.ownerId()), c.status(), c.note(), c.due(),
                    c.checkIn()));
            }
        }
        if (posted.isEmpty() && made.isEmpty() && changed.isEmpty() && reviewed.isEmpty() && open.isEmpty()) return null;
        return new Section(List.copyOf(posted), List.copyOf(made), List.copyOf(changed), List.copyOf(reviewed), open);
    }

    @Override
    public void write(Object section, RecordWriter out) {
        Section s = (Section) section;
        if (!s.needsPosted().isEmpty()) {
            out.heading("Needs posted");
            out.table(List.of("Need", "Posted by", "When"),
                s.needsPosted().stream().map(p -> List.of(p.what(), p.by(), when(p.at()))).toList());
        }
        out.heading("Made");
        if (s.made().isEmpty()) out.paragraph("No commitments were made.");
        else out.table(List.of("Commitment", "Owner", "For", "With", "Due", "By", "When"), s.made().stream()
            .map(m -> List.of(m.what(), m.owner(), String.join(", ", m.forWhom()), String.join(", ", m.withWhom()),
                text(m.due()), m.fromNeed() == null ? m.by() : m.by() + " (claimed a need)", when(m.at()))).toList());
        out.heading("Changed");
        if (s.changed().isEmpty()) out.paragraph("No commitments were changed.");
        else out.table(List.of("Commitment", "Change", "By", "When"),
            s.changed().stream().map(c -> List.of(c.what(), c.change(), c.by(), when(c.at()))).toList());
        out.heading("Reviewed");
        if (s.reviewed().isEmpty()) out.paragraph("No commitments were reviewed.");
        else out.table(List.of("Commitment", "Owner", "Outcome", "Status", "Note", "Reviewed by", "When"), s.reviewed().stream()
            .map(r -> List.of(r.what(), r.owner(), r.outcome(), status(r.status()), text(r.note()), r.by(), when(r.at()))).toList());
        out.heading("Open at the end");
        if (s.openAtEnd().isEmpty()) out.paragraph("Every commitment is done or released.");
        else out.table(List.of("Commitment", "Owner", "Status", "Due", "Check-in"), s.openAtEnd().stream()
            .map(o -> List.of(o.what(), o.owner(), status(o.status()) + (o.note() == null ? "" : ": " + o.note()), text(o.due()),
                text(o.checkIn()))).toList());
    }

    private static String status(String status) {
        return status == null ? "" : status.replace('_', ' ');
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String when(long at) {
        return WHEN.format(Instant.ofEpochMilli(at));
    }
}
