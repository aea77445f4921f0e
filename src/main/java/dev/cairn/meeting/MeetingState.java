package dev.cairn.meeting;

import java.util.List;

/**
 * The meeting part of a room: the running meeting (null between meetings), the agenda (kept in
 * the room, so it is prepared before a meeting and reused by the next), proposed segments waiting
 * for a facilitator, the facilitator rota and whose turn is next ({@code rotaNext}, an index into
 * {@code rota}), the panel facilitators bring every board to ({@code focus}, null when released,
 * and who did: {@code focusBy}),
 * the settings, and how many meetings the room has held.
 */
public record MeetingState(Meeting meeting, List<Segment> agenda, List<Proposal> proposals, List<String> rota,
                           int rotaNext, String focus, String focusBy, int idleMinutes, int warnSeconds, int held) {
    public static final int DEFAULT_IDLE_MINUTES = 15;
    public static final int DEFAULT_WARN_SECONDS = 120;

    public MeetingState {
        agenda = List.copyOf(agenda);
        proposals = List.copyOf(proposals);
        rota = List.copyOf(rota);
    }

    private static final MeetingState EMPTY = new MeetingState(null, List.of(), List.of(), List.of(), 0, null, null,
        DEFAULT_IDLE_MINUTES, DEFAULT_WARN_SECONDS, 0);

    public static MeetingState empty() {
        return EMPTY;
    }

    /** The member whose turn it is to facilitate next, or null without a rota. */
    public String nextFacilitator() {
        return rota.isEmpty() ? null : rota.get(Math.floorMod(rotaNext, rota.size()));
    }

    public int segmentIndex(String segmentId) {
        for (int i = 0; i < agenda.size(); i++) if (agenda.get(i).id().equals(segmentId)) return i;
        return -1;
    }

    public Segment segment(String segmentId) {
        int i = segmentIndex(segmentId);
        return i < 0 ? null : agenda.get(i);
    }

    public Proposal proposal(String proposalId) {
        for (Proposal p : proposals) if (p.id().equals(proposalId)) return p;
        return null;
    }

    MeetingState withMeeting(Meeting next) {
        return new MeetingState(next, agenda, proposals, rota, rotaNext, focus, focusBy, idleMinutes, warnSeconds, held);
    }

    MeetingState withAgenda(List<Segment> next) {
        return new MeetingState(meeting, next, proposals, rota, rotaNext, focus, focusBy, idleMinutes, warnSeconds, held);
    }

    MeetingState withProposals(List<Proposal> next) {
        return new MeetingState(meeting, agenda, next, rota, rotaNext, focus, focusBy, idleMinutes, warnSeconds, held);
    }

    MeetingState withRota(List<String> next, int nextIndex) {
        return new MeetingState(meeting, agenda, proposals, next, nextIndex, focus, focusBy, idleMinutes, warnSeconds, held);
    }

    MeetingState withFocus(String panel, String by) {
        return new MeetingState(meeting, agenda, proposals, rota, rotaNext, panel, panel == null ? null : by, idleMinutes,
            warnSeconds, held);
    }

    MeetingState withSettings(int idle, int warn) {
        return new MeetingState(meeting, agenda, proposals, rota, rotaNext, focus, focusBy, idle, warn, held);
    }

    /** Between meetings: the meeting closed, one more held, the rota moved on, focus released. */
    MeetingState ended() {
        int next = rota.isEmpty() ? 0 : (rotaNext + 1) % rota.size();
        return new MeetingState(null, agenda, proposals, rota, next, null, null, idleMinutes, warnSeconds, held + 1);
    }
}
