package dev.cairn.record;

import dev.cairn.room.RecordPart;
import dev.cairn.room.RecordWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record of one meeting ({@code meeting} set) or of the whole room ({@code meeting} null),
 * with every module's section, in the three forms it is read in: JSON data, Markdown, and the
 * blocks the board's printable page renders.
 */
public record RoomRecord(String roomId, String title, MeetingTimes meeting, List<MeetingTimes> meetings,
                         long generatedAt, List<Section> sections) {

    /** One module's section: its key and title, its data, and the part that writes it. */
    public record Section(String key, String title, Object data, RecordPart part) {
    }

    public RoomRecord {
        meetings = List.copyOf(meetings);
        sections = List.copyOf(sections);
    }

    /** The JSON export (docs/record.schema.json). */
    public Map<String, Object> json() {
        Map<String, Object> out = head();
        Map<String, Object> data = new LinkedHashMap<>();
        for (Section s : sections) data.put(s.key(), s.data());
        out.put("sections", data);
        return out;
    }

    /** The Markdown export: the heading, what the record covers, then each section under its title. */
    public String markdown() {
        MarkdownWriter md = new MarkdownWriter();
        md.title(heading());
        md.paragraph(summary());
        for (Section s : sections) {
            md.section(s.title());
            s.part().write(s.data(), md);
        }
        return md.text() + "\n";
    }

    /** The printable page's form: the JSON head, then each section as its writer's blocks. */
    public Map<String, Object> blocks() {
        Map<String, Object> out = head();
        out.put("heading", heading());
        out.put("summary", summary());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Section s : sections) {
            BlocksWriter writer = new BlocksWriter();
            s.part().write(s.data(), writer);
            Map<String, Object> section = new LinkedHashMap<>();
            section.put("key", s.key());
            section.put("title", s.title());
            section.put("blocks", writer.blocks());
            list.add(section);
        }
        out.put("sections", list);
        return out;
    }

    private Map<String, Object> head() {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> room = new LinkedHashMap<>();
        room.put("id", roomId);
        room.put("title", title);
        out.put("room", room);
        out.put("span", meeting == null ? "room" : "meeting");
        out.put("meeting", meeting);
        out.put("meetings", meetings);
        out.put("generatedAt", generatedAt);
        return out;
    }

    private String heading() {
        String name = title == null || title.isBlank() ? "Untitled room" : title;
        return (meeting == null ? "Room record: " : "Meeting record: ") + name;
    }

    private String summary() {
        String generated = "Generated " + RecordWriter.time(generatedAt) + ".";
        if (meeting == null) {
            return "The whole room, " + meetings.size() + (meetings.size() == 1 ? " meeting" : " meetings")
                + ". " + generated;
        }
        String when = "Meeting " + meeting.number() + ", started " + RecordWriter.time(meeting.startedAt());
        when += meeting.endedAt() == null ? ", still running. "
            : ", ended " + RecordWriter.time(meeting.endedAt()) + " after "
                + RecordWriter.duration(meeting.endedAt() - meeting.startedAt()) + ". ";
        return when + generated;
    }
}
