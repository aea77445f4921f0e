package dev.cairn.room;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Where a {@link RecordPart} writes its human-readable section. Every string is plain text as a
 * member typed it: the writer escapes it for the format it writes (Markdown, the board's printable
 * page), so a name or text can never become markup, a link or a table cell of its own.
 */
public interface RecordWriter {

    /** A heading inside the section (the section's own title is written by the record). */
    void heading(String text);

    /** A paragraph. */
    void paragraph(String text);

    /** A bulleted list, one plain-text item each. */
    void list(List<String> items);

    /** A table: column titles, then rows of the same width. */
    void table(List<String> columns, List<List<String>> rows);

    /** An instant as every section writes it: {@code 2026-12-02 09:40 UTC}. */
    static String time(long epochMillis) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC)
            .format(Instant.ofEpochMilli(epochMillis)) + " UTC";
    }

    /** A length of time in words: {@code 1 h 5 min}, {@code 12 min 5 s}, {@code 40 s}. */
    static String duration(long millis) {
        if (millis > 0 && millis < 500) return "less than 1 s";
        long s = Math.max(0, Math.round(millis / 1000.0));
        long h = s / 3600;
        long m = s % 3600 / 60;
        long sec = s % 60;
        if (h > 0) return h + " h " + m + " min";
        if (m > 0) return sec == 0 ? m + " min" : m + " min " + sec + " s";
        return sec + " s";
    }

    /** Who a member id is in the record: their display name, or what stands for the room's clock or a stranger. */
    static String name(RoomState room, String memberId) {
        if (memberId == null) return "";
        if (RoomRules.SYSTEM.equals(memberId)) return "the room (automatically)";
        Member member = room.member(memberId);
        return member == null ? "someone no longer listed" : member.name();
    }
}
