package dev.cairn.bench;

import dev.cairn.protocol.Wire;
import org.HdrHistogram.Histogram;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects result rows, prints them as a table and writes them as JSON under bench/results/. */
public final class Report {
    private final String scenario;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    Report(String scenario) {
        this.scenario = scenario;
    }

    /** p50/p99/p99.9/max in milliseconds of a histogram recorded in microseconds. */
    public static Map<String, Object> latency(String prefix, Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "_samples", h.getTotalCount());
        out.put(prefix + "_p50_ms", ms(h.getValueAtPercentile(50)));
        out.put(prefix + "_p99_ms", ms(h.getValueAtPercentile(99)));
        out.put(prefix + "_p999_ms", ms(h.getValueAtPercentile(99.9)));
        out.put(prefix + "_max_ms", ms(h.getMaxValue()));
        return out;
    }

    public static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
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
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("scenario", scenario);
        doc.put("date", Instant.now().toString());
        doc.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.version"));
        doc.put("rows", rows);
        Path dir = Files.createDirectories(Path.of("bench", "results"));
        Path file = dir.resolve(scenario + ".json");
        Files.writeString(file, Wire.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        System.out.println("\nwrote " + file);
    }
}
