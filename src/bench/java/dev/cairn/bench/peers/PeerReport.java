package dev.cairn.bench.peers;

import dev.cairn.bench.Report;

import dev.cairn.protocol.Wire;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result rows of a peer scenario: printed as they come, then as a Markdown table, and written to
 * bench/results/SCENARIO.json. Same layout as the Cairn scenarios' report, plus document-level
 * facts (which peer and versions ran, the search's answer) under their own keys.
 */
final class PeerReport {
    private final String scenario;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    PeerReport(String scenario) {
        this.scenario = scenario;
    }

    /** p50/p99/p99.9/max in milliseconds, computed exactly as for the Cairn scenarios. */
    static Map<String, Object> latency(String prefix, Histogram h) {
        return Report.latency(prefix, h);
    }

    /** A document-level fact, e.g. the peer's versions or the search's answer. */
    void fact(String key, Object value) {
        facts.put(key, value);
    }

    void add(Map<String, Object> row) {
        rows.add(row);
        System.out.println(row);
    }

    void finish() throws Exception {
        List<String> columns = new ArrayList<>();
        for (Map<String, Object> row : rows) for (String k : row.keySet()) if (!columns.contains(k)) columns.add(k);
        StringBuilder table = new StringBuilder("\n| " + String.join(" | ", columns) + " |\n|");
        columns.forEach(c -> table.append("---|"));
        for (Map<String, Object> row : rows) {
            table.append("\n|");
            for (String c : columns) table.append(' ').append(row.getOrDefault(c, "")).append(" |");
        }
        System.out.println(table);
        if (!facts.isEmpty()) {
            System.out.println();
            facts.forEach((k, v) -> System.out.println(k + ": " + v));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", scenario);
        doc.put("date", Instant.now().toString());
        doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version"));
        doc.putAll(facts);
        doc.put("rows", rows);
        Path dir = Files.createDirectories(Path.of("bench", "results"));
        Path file = dir.resolve(scenario + ".json");
        Files.writeString(file, Wire.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        System.out.println("\nwrote " + file);
    }
}
