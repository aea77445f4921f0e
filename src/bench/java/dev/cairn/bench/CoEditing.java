package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Scenario "coedit": one room, N editors typing into the purpose at R keystrokes per second each,
 * on a fixed schedule. Reports keystroke-to-remote-apply latency, the author's round trip, and
 * checks at the end that every editor and the server hold the same text.
 */
final class CoEditing {
    private CoEditing() {
    }

    static void run(Map<String, String> options) throws Exception {
        int[] sizes = Bench.intsOption(options, "editors", 50, 100, 200);
        int rate = Bench.intOption(options, "rate", 5);
        int seconds = Bench.intOption(options, "seconds", 20);
        int warmup = Bench.intOption(options, "warmup", 5);
        int full = Bench.intOption(options, "full", 10);
        Report report = new Report("coedit");
        try (ServerProcess server = ServerProcess.start(Bench.redisEnv(options), List.of("-Xmx2g"))) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(100_000).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
            try {
                for (int editors : sizes) report.add(phase(vertx, client, server, editors, Math.min(full, editors), rate, seconds, warmup));
            } finally {
                client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        report.finish();
    }

    /**
     * {@code full} of the {@code count} editors run the board's whole OT client on a copy of the
     * text (and prove convergence); the rest are {@link Typist}s, which load the server the same way
     * but cost the harness little.
     */
    private static Map<String, Object> phase(Vertx vertx, WebSocketClient client, ServerProcess server, int count,
                                             int full, int rate, int seconds, int warmup) throws Exception {
        JsonNode room = Http.createRoom(server.port, "Co-editing " + count);
        String roomId = room.get("roomId").asText();
        Recorder remote = new Recorder(3);
        Recorder roundTrip = new Recorder(3);
        List<Editor> editors = new ArrayList<>();
        List<Typist> typists = new ArrayList<>();
        List<Future<Member>> connecting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode joined = Http.join(server.port, roomId, "Editor " + i);
            Member member = new Member(joined.get("memberId").asText(), joined.get("token").asText());
            if (i < full) {
                Editor editor = new Editor(member, 1000L * count + i, remote, roundTrip);
                editors.add(editor);
                connecting.add(member.connect(client, "127.0.0.1", server.port, null, editor::onFrame));
            } else {
                Typist typist = new Typist(member, remote, roundTrip, Typist.wordFor(count));
                typists.add(typist);
                connecting.add(member.connectRaw(client, "127.0.0.1", server.port, typist::onText));
            }
        }
        Future.all(connecting).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        waitFor("editors ready", () -> editors.stream().allMatch(e -> e.ready) && typists.stream().allMatch(t -> t.ready), 30);

        long interval = 1_000_000_000L / rate;
        Random random = new Random(count);
        long start = System.nanoTime();
        long[] next = new long[count];
        for (int i = 0; i < count; i++) next[i] = start + (long) (random.nextDouble() * interval);
        long measureFrom = start + warmup * 1_000_000_000L;
        long stopAt = measureFrom + seconds * 1_000_000_000L;
        long[] measured = new long[2];
        long timer = vertx.setPeriodic(2, id -> {
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                while (next[i] <= now && next[i] < stopAt) {
                    if (i < editors.size()) editors.get(i).type(next[i]);
                    else typists.get(i - editors.size()).type(next[i]);
                    next[i] += interval;
                }
            }
        });
        sleepUntil(measureFrom);
        remote.getIntervalHistogram();
        roundTrip.getIntervalHistogram();
        long errorsBefore = Editor.ERRORS.get();
        double cpuBefore = server.cpuSeconds();
        long keysBefore = keystrokes(editors, typists);
        long seqBefore = editors.get(0).seq();
        sleepUntil(stopAt);
        double cpu = server.cpuSeconds() - cpuBefore;
        long keys = keystrokes(editors, typists) - keysBefore;
        long commits = editors.get(0).seq() - seqBefore;
        Histogram remoteH = remote.getIntervalHistogram();
        Histogram roundTripH = roundTrip.getIntervalHistogram();
        vertx.cancelTimer(timer);
        measured[0] = keys;

        waitFor("editors settled", () -> editors.stream().allMatch(Editor::settled)
            && typists.stream().allMatch(Typist::settled), 60);
        JsonNode probe = Http.join(server.port, roomId, "Probe");
        Member checker = new Member(probe.get("memberId").asText(), probe.get("token").asText());
        String[] serverText = new String[1];
        long[] serverSeq = new long[1];
        checker.connect(client, "127.0.0.1", server.port, null, frame -> {
            if (frame.path("type").asText().equals("snapshot")) {
                serverText[0] = frame.path("room").path("purpose").path("text").asText();
                serverSeq[0] = frame.path("seq").asLong();
            }
        }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        waitFor("snapshot", () -> serverText[0] != null, 30);
        waitFor("editors caught up", () -> editors.stream().allMatch(e -> e.seq() >= serverSeq[0]), 60);
        boolean converged = editors.stream().allMatch(e -> e.text().equals(serverText[0]));

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("editors", count);
        row.put("full_ot_clients", full);
        row.put("offered_keys_s", count * rate);
        row.put("typed_keys_s", Math.round(measured[0] / (double) seconds));
        row.put("commits_s", Math.round(commits / (double) seconds));
        row.putAll(Report.latency("remote_apply", remoteH));
        row.putAll(Report.latency("round_trip", roundTripH));
        row.put("errors", Editor.ERRORS.get() - errorsBefore);
        row.put("server_cpu_pct", Math.round(cpu * 100 / seconds));
        row.put("server_rss_mib", Math.round(server.rssMiB()));
        row.put("converged", converged);
        row.put("text_chars", serverText[0].length());
        for (Editor e : editors) e.member.socket.close();
        for (Typist t : typists) t.member.socket.close();
        checker.socket.close();
        return row;
    }

    private static long keystrokes(List<Editor> editors, List<Typist> typists) {
        long sum = 0;
        for (Editor e : editors) {
            synchronized (e) {
                sum += e.keystrokes;
            }
        }
        for (Typist t : typists) {
            synchronized (t) {
                sum += t.keystrokes;
            }
        }
        return sum;
    }

    static void waitFor(String what, java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out: " + what);
            Thread.sleep(20);
        }
    }

    static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) Thread.sleep(Math.max(1, left / 1_000_000));
    }
}
