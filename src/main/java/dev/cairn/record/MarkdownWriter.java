package dev.cairn.record;

import dev.cairn.room.RecordWriter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a record as Markdown in which nothing a member typed is markup: every character that
 * could open an inline construct (emphasis, code, links, images, autolinks, HTML, entities, table
 * cells) is escaped wherever it stands, and what would open a block at the start of a line
 * (headings, lists, quotes, numbered items, setext underlines, indented code) is escaped there.
 */
public final class MarkdownWriter implements RecordWriter {
    /** Escaped with a backslash wherever they stand (CommonMark: any ASCII punctuation may be). */
    private static final String INLINE = "\\`*_{}[]()#+!|~@$";
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,9})([.)])");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n|\\u2028|\\u2029");

    private final StringBuilder out = new StringBuilder();

    /** The record's own title (the top heading). */
    public void title(String text) {
        block("# " + line(text));
    }

    /** A section's title, one level below the record's. */
    public void section(String text) {
        block("## " + line(text));
    }

    @Override
    public void heading(String text) {
        block("### " + line(text));
    }

    @Override
    public void paragraph(String text) {
        List<String> lines = lines(text);
        if (lines.isEmpty()) return;
        // A backslash at the end of a line is a hard line break: the member's lines stay lines.
        block(String.join("\\\n", lines.stream().map(MarkdownWriter::line).toList()));
    }

    @Override
    public void list(List<String> items) {
        if (items.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        for (String item : items) b.append(b.length() == 0 ? "" : "\n").append("- ").append(flat(item));
        block(b.toString());
    }

    @Override
    public void table(List<String> columns, List<List<String>> rows) {
        if (columns.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        row(b, columns);
        b.append('\n').append('|');
        for (int i = 0; i < columns.size(); i++) b.append(" --- |");
        for (List<String> r : rows) {
            b.append('\n');
            row(b, r);
        }
        block(b.toString());
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String cell : cells) b.append(' ').append(flat(cell)).append(" |");
    }

    /** The Markdown written so far. */
    public String text() {
        return out.toString();
    }

    private void block(String markdown) {
        if (out.length() > 0) out.append("\n\n");
        out.append(markdown);
    }

    /** One line of text, for a list item or a table cell: line breaks become spaces. */
    static String flat(String text) {
        return line(String.join(" ", lines(text)));
    }

    /** The text's non-blank lines, without leading white space (four spaces would open a code block). */
    private static List<String> lines(String text) {
        if (text == null) return List.of();
        return LINE_BREAK.splitAsStream(text).map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** Whether the colon at {@code i} ends what GitHub would autolink: {@code https://}, {@code mailto:}, {@code xmpp:}. */
    private static boolean scheme(String s, int i, StringBuilder before) {
        if (i + 1 < s.length() && s.charAt(i + 1) == '/') return true;
        String lower = before.toString().toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith("mailto") || lower.endsWith("xmpp");
    }

    /** One line of member text, escaped so that none of it is markup. */
    static String line(String text) {
        if (text == null) return "";
        String s = text.strip();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\t' -> b.append(' ');
                case ':' -> b.append(scheme(s, i, b) ? "\\:" : ":");
                default -> {
                    if (INLINE.indexOf(c) >= 0) b.append('\\');
                    if (c < ' ' || c == 0x7f) b.append(' ');
                    else b.append(c);
                }
            }
        }
        String escaped = b.toString();
        // What opens a block only at the start of a line: a list bullet, a setext underline, a number and dot.
        if (!escaped.isEmpty() && "-=".indexOf(escaped.charAt(0)) >= 0) escaped = "\\" + escaped;
        Matcher numbered = NUMBERED.matcher(escaped);
        if (numbered.find()) escaped = numbered.group(1) + "\\" + escaped.substring(numbered.group(1).length());
        // A bare web address would become a link in GitHub's Markdown.
        return escaped.replaceAll("(?i)\\b(www)\\.", "$1\\\\.");
    }
}
