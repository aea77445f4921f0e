package dev.cairn.record;

import dev.cairn.meeting.MeetingEvent;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.RecordPart;
import dev.cairn.room.Rejection;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.ArrayList;
import java.util.List;

/**
 * One replay of a room's archive into its record, page by page, oldest first: each frame is
 * decoded, applied with {@link RoomState#apply} (the fold every node uses), shown to the reader
 * through the modules' views and handed to every module's {@link RecordPart}. For one meeting the
 * parts hear every event up to the meeting's end (those from its start on marked {@code during});
 * after the end only the meetings are still listed. Plain Java: one instance, one thread at a time.
 */
final class RecordFold {
    private record Part(Module<?> module, RecordPart part) {
    }

    private final String meetingId;
    private final Viewer viewer;
    private final List<Part> parts = new ArrayList<>();
    private final List<MeetingTimes> meetings = new ArrayList<>();
    private RoomState state;
    private RoomState end;
    private long seq;
    private boolean during;

    RecordFold(String roomId, Viewer viewer, String meetingId) {
        this.meetingId = meetingId;
        this.viewer = viewer;
        this.state = RoomState.empty(roomId);
        this.during = meetingId == null;
        for (Module<?> module : Modules.ALL) {
            RecordPart part = module.recordTitle() == null ? null : module.record(viewer);
            if (part != null) parts.add(new Part(module, part));
        }
    }

    /** The seq of the last frame read. */
    long seq() {
        return seq;
    }

    /** Folds the next page of archived frames (oldest first, each one after the last). */
    void accept(List<String> frames) {
        for (String frame : frames) {
            Sequenced event = Wire.decodeEvent(Wire.tree(frame));
            if (event.seq() <= seq) continue;
            if (event.seq() != seq + 1) {
                throw new IllegalStateException("the archive of room " + state.id() + " skips from " + seq + " to " + event.seq());
            }
            seq = event.seq();
            list(event);
            if (end == null) replay(event);
            else afterSpan(event);
        }
    }

    /** An event after the meeting's end: the parts that care hear of it; the record's end state stays. */
    private void afterSpan(Sequenced event) {
        RoomState before = state;
        state = state.apply(event);
        Sequenced seen = seenBy(event);
        for (Part p : parts) p.part().afterSpan(seen, before, state);
    }

    private void replay(Sequenced event) {
        RoomState before = state;
        state = state.apply(event);
        boolean starts = event.event() instanceof MeetingEvent.Started s && s.meetingId().equals(meetingId);
        boolean ends = event.event() instanceof MeetingEvent.Ended e && e.meetingId().equals(meetingId);
        if (starts) during = true;
        Sequenced seen = seenBy(event);
        for (Part p : parts) p.part().event(seen, before, state, during);
        if (ends) {
            during = false;
            end = state;
        }
    }

    /** The event as the reader may see it, as {@code HttpApi} shows archived frames. */
    private Sequenced seenBy(Sequenced event) {
        Module<?> module = Modules.forEvent(event.event());
        return module.hasPrivateParts() ? module.view(event, viewer) : event;
    }

    private void list(Sequenced event) {
        if (event.event() instanceof MeetingEvent.Started s) {
            meetings.add(new MeetingTimes(s.meetingId(), meetings.size() + 1, event.at(), null, null, event.seq(), null));
        } else if (event.event() instanceof MeetingEvent.Ended e) {
            for (int i = 0; i < meetings.size(); i++) {
                if (meetings.get(i).id().equals(e.meetingId())) meetings.set(i, meetings.get(i).ended(event.at(), e.reason(), event.seq()));
            }
        }
    }

    /** The record once every page was read; {@code not_found} when the meeting never started in this room. */
    RoomRecord result(long now) {
        MeetingTimes meeting = null;
        if (meetingId != null) {
            meeting = meetings.stream().filter(m -> m.id().equals(meetingId)).findFirst()
                .orElseThrow(() -> Rejection.notFound("no meeting " + meetingId + " in this room"));
        }
        RoomState last = end != null ? end : state;
        List<RoomRecord.Section> sections = new ArrayList<>();
        for (Part p : parts) {
            Object data = p.part().section(last);
            if (data != null) sections.add(new RoomRecord.Section(p.module().key(), p.module().recordTitle(), data, p.part()));
        }
        return new RoomRecord(last.id(), last.title(), meeting, meetings, now, sections);
    }
}
