package dev.cairn.bench.peers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Scenario "coedit-sharedb": the load of Cairn's "coedit" scenario against ShareDB 7 with the
 * ot-text type. One document, N editors typing at R keystrokes per second each on a fixed schedule
 * (open loop). Latency runs from the moment a keystroke was due to the moment another editor
 * applied the op carrying it; the author's round trip runs from sending an op to its ack. At the
 * end every full editor's text must equal the server's.
 */
final class ShareDbCoEditing {
    private static final String COLLECTION = "bench";

    private ShareDbCoEditing() {
    }

    static void run(Map<String, String> options) throws Exception {
        int[] sizes = PeerBench.intsOption(options, "editors", 50, 100, 200);
        int rate = PeerBench.intOption(options, "rate", 5);
        int seconds = PeerBench.intOption(options, "seconds", 20);
        int warmup = PeerBench.intOption(options, "warmup", 5);
        int full = Math.max(1, PeerBench.intOption(options, "full", 10));

        Peers.ensureInstalled();
        PeerReport report = new PeerReport("coedit-sharedb");
        report.fact("peer", "ShareDB " + Peers.npmVersion("sharedb") + " with ot-text " + Peers.npmVersion("ot-text")
            + ", in-memory database and pub/sub (MemoryDB, MemoryPubSub), one Node.js process");
        report.fact("versions", Peers.versions("sharedb", "ot-text", "ws", "@teamwork/websocket-json-stream"));
        report.fact("load", rate + " keystrokes/s per editor, " + warmup + " s warm-up + " + seconds + " s measured per size, "
            + full + " full OT clients, the rest typists");
        report.fact("load_average_before", Peers.loadAverage());
        try (PeerProcess server = PeerProcess.node("sharedb-server.js", Map.of())) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setMaxConnections(100_000).setMaxFrameSize(1 << 20).setMaxMessageSize(16 << 20));
            try {
                for (int editors : sizes) report.add(phase(vertx, client, server, editors, Math.min(full, editors), rate, seconds, warmup));
            } finally {
                client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        report.fact("load_average_after", Peers.loadAverage());
        report.finish();
    }

    /** {@code full} of the {@code count} editors run the whole OT client; the rest are typists. */
    private static Map<String, Object> phase(Vertx vertx, WebSocketClient client, PeerProcess server, int count,
                                             int full, int rate, int seconds, int warmup) throws Exception {
        String docId = "coedit-" + count + "-" + System.currentTimeMillis();
        Recorder remote = new Recorder(3);
        Recorder roundTrip = new Recorder(3);

        // A probe connection creates the empty document first and fetches the final text at the end.
        LinkedBlockingQueue<String> probeInbox = new LinkedBlockingQueue<>();
        ShareDbSocket probe = new ShareDbSocket();
        probe.connect(client, server.port, probeInbox::add).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        probe.send("{\"a\":\"op\",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\",\"v\":0,\"seq\":1,\"x\":{},\"create\":{\"type\":\""
            + ShareDbSocket.TEXT_TYPE + "\",\"data\":\"\"}}");
        String created = probeInbox.poll(30, TimeUnit.SECONDS);
        if (created == null || !created.startsWith("{\"src\":")) throw new IllegalStateException("create failed: " + created);

        List<ShareDbEditor> editors = new ArrayList<>();
        List<ShareDbTypist> typists = new ArrayList<>();
        List<Future<ShareDbSocket>> connecting = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ShareDbSocket socket = new ShareDbSocket();
            if (i < full) {
                ShareDbEditor editor = new ShareDbEditor(socket, COLLECTION, docId, 1000L * count + i, remote, roundTrip);
                editors.add(editor);
                connecting.add(socket.connect(client, server.port, editor::onText));
            } else {
                ShareDbTypist typist = new ShareDbTypist(socket, COLLECTION, docId, remote, roundTrip);
                typists.add(typist);
                connecting.add(socket.connect(client, server.port, typist::onText));
            }
        }
        Future.all(connecting).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        editors.forEach(ShareDbEditor::subscribe);
        typists.forEach(ShareDbTypist::subscribe);
        PeerBench.waitFor("editors subscribed", () -> editors.stream().allMatch(e -> e.ready) && typists.stream().allMatch(t -> t.ready), 30);

        long interval = 1_000_000_000L / rate;
        Random random = new Random(count);
        long start = System.nanoTime();
        long[] next = new long[count];
        for (int i = 0; i < count; i++) next[i] = start + (long) (random.nextDouble() * interval);
        long measureFrom = start + warmup * 1_000_000_000L;
        long stopAt = measureFrom + seconds * 1_000_000_000L;
        OpenLoop loop = OpenLoop.start(vertx, next, interval, stopAt, (i, due) -> {
            if (i < editors.size()) editors.get(i).type(due);
            else typists.get(i - editors.size()).type(due);
        });
        PeerBench.sleepUntil(measureFrom);
        remote.getIntervalHistogram();
        roundTrip.getIntervalHistogram();
        long errorsBefore = ShareDbEditor.ERRORS.get();
        double cpuBefore = server.cpuSeconds();
        double harnessCpuBefore = Peers.harnessCpuSeconds();
        double machineBefore = Peers.machineBusySeconds();
        long keysBefore = keystrokes(editors, typists);
        long versionBefore = editors.get(0).version();
        PeerBench.sleepUntil(stopAt);
        double cpu = server.cpuSeconds() - cpuBefore;
        double harnessCpu = Peers.harnessCpuSeconds() - harnessCpuBefore;
        double othersCpu = Peers.machineBusySeconds() - machineBefore - harnessCpu - cpu;
        long keys = keystrokes(editors, typists) - keysBefore;
        long commits = editors.get(0).version() - versionBefore;
        Histogram remoteH = remote.getIntervalHistogram();
        Histogram roundTripH = roundTrip.getIntervalHistogram();
        loop.cancel();

        boolean settled = PeerBench.await(() -> editors.stream().allMatch(ShareDbEditor::settled)
            && typists.stream().allMatch(ShareDbTypist::settled), 60);
        probeInbox.clear();
        probe.send("{\"a\":\"f\",\"c\":\"" + COLLECTION + "\",\"d\":\"" + docId + "\",\"v\":null}");
        JsonNode snapshot = null;
        for (String text; snapshot == null && (text = probeInbox.poll(30, TimeUnit.SECONDS)) != null; ) {
            if (text.startsWith("{\"data\":")) snapshot = Wire.tree(text).path("data");
        }
        if (snapshot == null) throw new IllegalStateException("no snapshot from the server");
        String serverText = snapshot.path("data").asText();
        long serverVersion = snapshot.path("v").asLong();
        boolean caughtUp = PeerBench.await(() -> editors.stream().allMatch(e -> e.version() >= serverVersion), 60);
        boolean converged = settled && caughtUp && editors.stream().allMatch(e -> e.text().equals(serverText));
        if (!converged) System.err.println("not converged: settled=" + settled + " caughtUp=" + caughtUp);

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("editors", count);
        row.put("full_ot_clients", full);
        row.put("offered_keys_s", count * rate);
        row.put("typed_keys_s", Math.round(keys / (double) seconds));
        row.put("commits_s", Math.round(commits / (double) seconds));
        row.putAll(PeerReport.latency("remote_apply", remoteH));
        row.putAll(PeerReport.latency("round_trip", roundTripH));
        row.put("errors", ShareDbEditor.ERRORS.get() - errorsBefore);
        row.put("server_cpu_pct", Math.round(cpu * 100 / seconds));
        row.put("server_rss_mib", Math.round(server.rssMiB()));
        row.put("harness_cpu_pct", Math.round(harnessCpu * 100 / seconds));
        row.put("others_cpu_pct", Math.max(0, Math.round(othersCpu * 100 / seconds)));
        row.put("converged", converged);
        row.put("text_chars", serverText.length());
        for (ShareDbEditor e : editors) e.socket.close();
        for (ShareDbTypist t : typists) t.socket.close();
        probe.close();
        ShareDbEditor.DUE.clear();
        return row;
    }

    private static long keystrokes(List<ShareDbEditor> editors, List<ShareDbTypist> typists) {
        long sum = 0;
        for (ShareDbEditor e : editors) {
            synchronized (e) {
                sum += e.keystrokes;
            }
        }
        for (ShareDbTypist t : typists) {
            synchronized (t) {
                sum += t.keystrokes;
            }
        }
        return sum;
    }
}
