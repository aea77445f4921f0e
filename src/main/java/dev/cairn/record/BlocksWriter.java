package dev.cairn.record;

import dev.cairn.room.RecordWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a section as the calls it received, as JSON-ready maps ({@code type} heading, paragraph,
 * list or table): the board's printable page renders them as text nodes, so the text stays plain.
 */
public final class BlocksWriter implements RecordWriter {
    private final List<Map<String, Object>> blocks = new ArrayList<>();

    @Override
    public void heading(String text) {
        add("heading").put("text", plain(text));
    }

    @Override
    public void paragraph(String text) {
        add("paragraph").put("text", plain(text));
    }

    @Override
    public void list(List<String> items) {
        add("list").put("items", items.stream().map(BlocksWriter::plain).toList());
    }

    @Override
    public void table(List<String> columns, List<List<String>> rows) {
        Map<String, Object> table = add("table");
        table.put("columns", columns.stream().map(BlocksWriter::plain).toList());
        table.put("rows", rows.stream().map(r -> r.stream().map(BlocksWriter::plain).toList()).toList());
    }

    public List<Map<String, Object>> blocks() {
        return List.copyOf(blocks);
    }

    private Map<String, Object> add(String type) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("type", type);
        blocks.add(block);
        return block;
    }

    private static String plain(String text) {
        return text == null ? "" : text;
    }
}
