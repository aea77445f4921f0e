package dev.cairn.queue;

import dev.cairn.meeting.Meeting;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.room.RoomState;

import java.util.Set;

/** What the queue needs from the meeting module: the meeting under way and who is present in it. */
final class MeetingLink {

    private MeetingLink() {
    }

    /** The id of the meeting under way, or null. */
    static String meetingId(RoomState room) {
        Meeting meeting = MeetingModule.current(room);
        return meeting == null ? null : meeting.id();
    }

    /** The members present in the meeting under way, or null when no meeting is under way. */
    static Set<String> present(RoomState room) {
        Meeting meeting = MeetingModule.current(room);
        return meeting == null ? null : meeting.present();
    }
}
