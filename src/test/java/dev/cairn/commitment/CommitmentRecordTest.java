package dev.cairn.commitment;

import dev.cairn.commitment.CommitmentCommand.Claim;
import dev.cairn.commitment.CommitmentCommand.HandOver;
import dev.cairn.commitment.CommitmentCommand.AnswerHandover;
import dev.cairn.commitment.CommitmentCommand.Make;
import dev.cairn.commitment.CommitmentCommand.PostNeed;
import dev.cairn.commitment.CommitmentCommand.SetStatus;
import dev.cairn.commitment.CommitmentCommand.StartReview;
import dev.cairn.commitment.CommitmentCommand.Step;
import dev.cairn.meeting.MeetingCommand;
import dev.cairn.room.Context;
import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;
import dev.cairn.room.Role;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commitments section of a meeting record, fed the way the record builder feeds it: every
 * archived event in order, those of the meeting marked {@code during}. It holds what was made,
 * changed and reviewed in the meeting (not before it), with who and when, and what is open at its end.
 */
class CommitmentRecordTest {
    private static final long T0 = 1_800_000_000_000L; // 2027-01-15 08:00 UTC
    private final RoomRules rules = new RoomRules(50);
    private final RecordPart record = new CommitmentModule().record(new Viewer("ana", Role.FACILITATOR));
    private RoomState room = RoomState.empty("r");
    private long now = T0;
    private boolean during;

    private void commit(String by, List<RoomEvent> events) {
        for (RoomEvent e : events) {
            RoomState before = room;
            Sequenced s = new Sequenced(room.seq() + 1, now, by, e);
            room = room.apply(s);
            record.event(s, before, room, during || e instanceof dev.cairn.meeting.MeetingEvent.Ended);
        }
    }

    private void run(String actor, RoomCommand command) {
        commit(actor, rules.decide(room, new Context(actor, "c" + room.seq(), seq -> List.of(), now), command));
    }

    private String last() {
        List<Commitment> all = CommitmentModule.of(room).commitments();
        return all.get(all.size() - 1).commitmentId();
    }

    @Test
    void theSectionHoldsWhatWasMadeChangedAndReviewedInTheMeetingAndWhatIsOpenAtItsEnd() {
        commit("ana", rules.create("r", "Record", "ana", "Ana"));
        commit("ben", rules.join(room, "ben", "Ben <script>", Role.PARTICIPANT));
        commit("cy", rules.join(room, "cy", "Cy", Role.PARTICIPANT));
        run("ben", new Make("Before the meeting", List.of(), List.of(), "2027-01-20"));
        String before = last();
        run("ana", new MeetingCommand.AddSegment("Commitments", "commitments_review", 10, null, null));

        during = true;
        now = T0 + 60_000;
        run("ana", new MeetingCommand.Start(true));
        run("ana", new StartReview());
        run("ben", new Step(before, "updated", "blocked", "waiting | for the `permit`"));
        run("ana", new PostNeed("Find a venue"));
        String need = CommitmentModule.of(room).needs().get(0).needId();
        now = T0 + 120_000;
        run("cy", new Claim(need));
        String venue = last();
        run("cy", new Make("Call the council", List.of(new Party("ben", null), new Party(null, "City council")), List.of(),
            "2027-02-01"));
        String council = last();
        run("cy", new SetStatus(council, "done", null));
        run("cy", new HandOver(venue, "ben"));
        run("ben", new AnswerHandover(venue, true));
        run("ana", new MeetingCommand.End());
        during = false;
        now = T0 + 600_000;
        run("ben", new SetStatus(before, "done", null));

        CommitmentRecord.Section s = (CommitmentRecord.Section) record.section(room);
        assertEquals(List.of("Find a venue"), s.needsPosted().stream().map(CommitmentRecord.Posted::what).toList());
        assertEquals(List.of("Find a venue", "Call the council"), s.made().stream().map(CommitmentRecord.Made::what).toList(),
            "made in the meeting only");
        CommitmentRecord.Made call = s.made().get(1);
        assertEquals(List.of("Ben <script>", "City council"), call.forWhom());
        assertEquals("Cy", call.by());
        assertEquals(T0 + 120_000, call.at());
        assertEquals(need, s.made().get(0).fromNeed());
        assertEquals(List.of("status: blocked (waiting | for the `permit`)", "status: done", "offered to Ben <script>",
            "handed over from Cy to Ben <script>"), s.changed().stream().map(CommitmentRecord.Changed::change).toList(),
            "the change after the meeting is not in it");
        CommitmentRecord.Reviewed step = s.reviewed().get(0);
        assertEquals(before, step.commitmentId());
        assertEquals("Ben <script>", step.by());
        assertEquals("updated", step.outcome());
        assertEquals("blocked", step.status());
        assertTrue(step.meetingId().startsWith("m"));
        assertEquals(List.of(venue), s.openAtEnd().stream().map(CommitmentRecord.Open::commitmentId).toList(),
            "open at the record's end: the venue (the council call is done, and so is the first since)");

        List<String> out = new ArrayList<>();
        record.write(s, new RecordWriter() {
            public void heading(String text) {
                out.add("# " + text);
            }

            public void paragraph(String text) {
                out.add(text);
            }

            public void list(List<String> items) {
                out.addAll(items);
            }

            public void table(List<String> columns, List<List<String>> rows) {
                out.add(String.join("|", columns));
                for (List<String> row : rows) {
                    assertEquals(columns.size(), row.size(), "rows as wide as the columns");
                    out.add(String.join("|", row));
                }
            }
        });
        assertEquals(List.of("# Needs posted", "# Made", "# Changed", "# Reviewed", "# Open at the end"),
            out.stream().filter(l -> l.startsWith("# ")).toList());
        assertTrue(out.contains("Call the council|Cy|Ben <script>, City council||2027-02-01|Cy|2027-01-15 08:02 UTC"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("Before the meeting|Ben <script>|updated|blocked|waiting | for the `permit`|")),
            "the member's text reaches the writer as typed; the writer escapes it: " + out);
    }

    @Test
    void aSpanWithNoCommitmentsHasNoSection() {
        commit("ana", rules.create("r", "Empty", "ana", "Ana"));
        assertNull(record.section(room));
    }
}
