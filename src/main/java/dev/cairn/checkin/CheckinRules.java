package dev.cairn.checkin;

import dev.cairn.checkin.CheckinCommand.Close;
import dev.cairn.checkin.CheckinCommand.Open;
import dev.cairn.checkin.CheckinEvent.Answered;
import dev.cairn.checkin.CheckinEvent.Closed;
import dev.cairn.checkin.CheckinEvent.Opened;
import dev.cairn.meeting.Meeting;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.room.Member;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules of check-ins: facilitators open and close them; members answer anonymously while one is open. */
public final class CheckinRules {
    public static final String DEFAULT_QUESTION = "How much do you trust this group to follow through?";
    public static final int DEFAULT_MIN = 1;
    public static final int DEFAULT_MAX = 5;
    /** The scale's ends lie within 0 and this. */
    public static final int SCALE_LIMIT = 10;
    public static final int MAX_QUESTION = 200;
    public static final int MAX_WORD = 40;
    /** Closed check-ins kept for the trend; the oldest go first. */
    public static final int MAX_RESULTS = 500;

    private CheckinRules() {
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, long now, CheckinCommand command) {
        CheckinState part = CheckinModule.of(room);
        if (command instanceof Open c) {
            RoomRules.requireFacilitator(actor, "open a check-in");
            if (part.open() != null) throw Rejection.conflict("a check-in is already open; close it first");
            String question = c.question() == null || c.question().isBlank() ? DEFAULT_QUESTION
                : Names.text("question", c.question(), MAX_QUESTION);
            int min = c.min() == null ? DEFAULT_MIN : c.min();
            int max = c.max() == null ? DEFAULT_MAX : c.max();
            if (min < 0 || max > SCALE_LIMIT || min >= max) {
                throw Rejection.invalid("the scale runs from min to max, whole numbers with 0 ≤ min < max ≤ " + SCALE_LIMIT);
            }
            Meeting meeting = MeetingModule.current(room);
            return List.of(new Opened(new Pulse("c" + (room.seq() + 1), meeting == null ? null : meeting.id(), question,
                min, max, actor.id(), now, 0, Map.of())));
        }
        if (command instanceof CheckinCommand.Answer c) {
            RoomRules.requireEditor(actor, "answer a check-in");
            Pulse open = requireOpen(part, c.checkinId());
            if (c.value() == null) throw Rejection.invalid("value is required");
            if (c.value() < open.min() || c.value() > open.max()) {
                throw Rejection.invalid("value must be a whole number from " + open.min() + " to " + open.max());
            }
            String word = Names.optional("word", c.word(), MAX_WORD);
            String stored = word.isEmpty() ? null : word;
            Answer before = open.answers().get(actor.id());
            if (before != null && before.value() == c.value() && java.util.Objects.equals(before.word(), stored)) return List.of();
            int answered = open.answered() + (before == null ? 1 : 0);
            return List.of(new Answered(open.id(), c.value(), stored, answered));
        }
        if (command instanceof Close c) {
            RoomRules.requireFacilitator(actor, "close a check-in");
            return List.of(new Closed(result(requireOpen(part, c.checkinId()), now)));
        }
        throw new IllegalArgumentException("not a check-in command: " + command);
    }

    private static Pulse requireOpen(CheckinState part, String id) {
        if (id == null) throw Rejection.invalid("checkinId is required");
        if (part.open() != null && part.open().id().equals(id)) return part.open();
        for (Result r : part.results()) if (r.id().equals(id)) throw Rejection.conflict("this check-in is closed");
        throw Rejection.notFound("no open check-in " + id);
    }

    /** The aggregate of an open check-in: counts per value, the words sorted, the mean to two decimals. */
    static Result result(Pulse p, long now) {
        List<Integer> counts = new ArrayList<>(Collections.nCopies(p.max() - p.min() + 1, 0));
        List<String> words = new ArrayList<>();
        long sum = 0;
        for (Answer a : p.answers().values()) {
            counts.set(a.value() - p.min(), counts.get(a.value() - p.min()) + 1);
            sum += a.value();
            if (a.word() != null) words.add(a.word());
        }
        Collections.sort(words);
        int n = p.answers().size();
        Double mean = n == 0 ? null : Math.round(sum * 100.0 / n) / 100.0;
        return new Result(p.id(), p.meetingId(), p.question(), p.min(), p.max(), counts, words, n, mean, p.openedAt(), now);
    }

    // ---- apply ---------------------------------------------------------------------------------

    /** The part after one event; an answer without its value (another's, or the archive's) only moves the count. */
    public static CheckinState apply(CheckinState part, Sequenced event) {
        CheckinEvent e = (CheckinEvent) event.event();
        if (e instanceof Opened o) return new CheckinState(o.checkin(), part.results());
        if (e instanceof Answered a) {
            Pulse open = part.open();
            if (open == null || !open.id().equals(a.checkinId())) return part;
            Map<String, Answer> answers = open.answers();
            if (a.value() != null) {
                answers = new HashMap<>(answers);
                Answer before = answers.get(event.by());
                List<Long> seqs = new ArrayList<>(before == null ? List.of() : before.seqs());
                seqs.add(event.seq());
                answers.put(event.by(), new Answer(a.value(), a.word(), seqs));
            }
            return new CheckinState(open.withAnswers(a.answered(), answers), part.results());
        }
        if (e instanceof Closed c) {
            List<Result> results = new ArrayList<>(part.results());
            results.add(c.result());
            while (results.size() > MAX_RESULTS) results.remove(0);
            Pulse open = part.open();
            return new CheckinState(open != null && open.id().equals(c.result().id()) ? null : open, results);
        }
        return part;
    }
}
