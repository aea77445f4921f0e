package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scenario "compare": in one run, Cairn and its peers under the same load: fan-out against
 * Socket.IO with its Redis adapter, co-editing against ShareDB with ot-text. Prints each
 * scenario's table, then the Cairn / peer ratios.
 */
final class Compare {
    private Compare() {
    }

    static void run(Map<String, String> options) throws Exception {
        Map<String, String> fan = new LinkedHashMap<>(options);
        fan.putIfAbsent("deadline", "1800");
        fan.putIfAbsent("rates", "200,500,1000,1500,2000,3000,4000,5000,6000");
        Map<String, String> edit = new LinkedHashMap<>(options);
        edit.putIfAbsent("deadline", "1800");
        edit.putIfAbsent("editors", "50,100,200");
        edit.putIfAbsent("seconds", "10");
        edit.putIfAbsent("warmup", "3");
        // Cairn runs as a single node does by default: its embedded Redis, append-only on, in the
        // path of every change. The peers keep everything in memory (Socket.IO's in-memory adapter,
        // ShareDB's in-memory database): the comparison favours them. --redis-url points Cairn elsewhere.
        // Each scenario runs in a JVM of its own, one after the other, so none inherits another's state;
        // the fan-out ones pin their server to core 0 and the harness to the other cores (Pinning).
        scenario("fanout", fan);
        scenario("fanout-socketio", fan);
        scenario("coedit", edit);
        scenario("coedit-sharedb", edit);
        Report report = new Report("compare");
        double cairnBest = bestUnderGoal(read("fanout"));
        double peerBest = bestUnderGoal(read("fanout-socketio"));
        Map<String, Object> fanRow = new LinkedHashMap<>();
        fanRow.put("measure", "fan-out: most deliveries/s with p99 under 50 ms");
        fanRow.put("cairn", cairnBest);
        fanRow.put("peer", "Socket.IO 4.8, in-memory adapter: " + peerBest);
        fanRow.put("cairn_over_peer", peerBest == 0 ? "n/a" : Math.round(cairnBest / peerBest * 100) / 100.0);
        report.add(fanRow);
        JsonNode cairnEdit = read("coedit");
        JsonNode peerEdit = read("coedit-sharedb");
        for (JsonNode row : cairnEdit) {
            int editors = row.get("editors").asInt();
            for (JsonNode other : peerEdit) {
                if (other.get("editors").asInt() != editors) continue;
                double c = row.get("remote_apply_p99_ms").asDouble();
                double p = other.get("remote_apply_p99_ms").asDouble();
                Map<String, Object> editRow = new LinkedHashMap<>();
                editRow.put("measure", "co-editing, " + editors + " editors at 5 keys/s: p99 keystroke → remote apply (ms)");
                editRow.put("cairn", c);
                editRow.put("peer", "ShareDB 7 + ot-text: " + p);
                editRow.put("cairn_over_peer", Math.round(c / p * 100) / 100.0);
                report.add(editRow);
                break;
            }
        }
        report.finish();
    }

    private static void scenario(String name, Map<String, String> options) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx4g",
            "-cp", System.getProperty("java.class.path"), Bench.class.getName(), name));
        options.forEach((key, value) -> {
            command.add("--" + key);
            command.add(value);
        });
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) throw new IllegalStateException(name + " failed (exit " + process.exitValue() + ")");
    }

    private static JsonNode read(String scenario) throws Exception {
        return Wire.tree(Files.readString(Path.of("bench", "results", scenario + ".json"))).get("rows");
    }

    private static double bestUnderGoal(JsonNode rows) {
        double best = 0;
        for (JsonNode row : rows) {
            if (row.path("under_goal").asBoolean()) best = Math.max(best, row.path("delivered_s").asDouble());
        }
        return best;
    }
}
