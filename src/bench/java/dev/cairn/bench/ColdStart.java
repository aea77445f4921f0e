package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import org.HdrHistogram.Histogram;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/** Scenario "coldstart": from process start to the first WebSocket the server accepts, several runs. */
final class ColdStart {
    private ColdStart() {
    }

    static void run(Map<String, String> options) throws Exception {
        int runs = Bench.intOption(options, "runs", 5);
        Report report = new Report("coldstart");
        Histogram ms = new Histogram(3);
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < runs; i++) {
            int port = ServerProcess.freePort();
            long started = System.nanoTime();
            ProcessBuilder builder = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.cairn.Main").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("CAIRN_HTTP_PORT", Integer.toString(port));
            builder.environment().put("CAIRN_DATA_DIR", java.nio.file.Files.createTempDirectory("cairn-cold").toString());
            Process process = builder.start();
            long acceptedAt = 0;
            try {
                while (acceptedAt == 0) {
                    if (System.nanoTime() - started > 60_000_000_000L) throw new IllegalStateException("no start in 60 s");
                    try {
                        WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(1))
                            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() { })
                            .get(2, TimeUnit.SECONDS);
                        acceptedAt = System.nanoTime();
                        ws.abort();
                    } catch (Exception notYet) {
                        Thread.sleep(5);
                    }
                }
            } finally {
                process.destroy();
                process.waitFor(20, TimeUnit.SECONDS);
            }
            long took = (acceptedAt - started) / 1_000_000;
            ms.recordValue(took);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("run", i + 1);
            row.put("process_start_to_first_ws_ms", took);
            report.add(row);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", "median of " + runs);
        summary.put("process_start_to_first_ws_ms", ms.getValueAtPercentile(50));
        report.add(summary);
        report.finish();
    }
}
