package dev.cairn.room;

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
}
