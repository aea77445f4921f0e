package dev.cairn.bench.peers;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Scenario "fanout-socketio": the chat-style fan-out load of Cairn's "fanout" scenario, against
 * Socket.IO 4 with its Redis adapter. Rooms of M sockets; S of them in each room emit a small
 * event on a fixed schedule (open loop), and the server re-emits it to the whole room. The total
 * offered rate rises step by step until p99 from due time to delivery passes the goal; the answer
 * is the highest delivered rate (messages per second, summed over all receiving sockets) whose
 * p99 stayed under it.
 *
 * <p>With {@code --nodes 2} ("twonodes-socketio") two Socket.IO processes share one Redis: the
 * senders are on node A, everyone else on node B, and only node B's sockets are measured, so every
 * measured delivery crossed Redis.
 */
final class SocketIoFanOut {
    /** Event id → when it was due (System.nanoTime), in a ring far larger than any run's ids. */
    private static final int RING = 1 << 22;
    private static final AtomicLongArray DUE = new AtomicLongArray(RING);
    private static final String FILLER = "the quick brown fox jumps over the lazy dog";

    private SocketIoFanOut() {
    }

    static void run(Map<String, String> options) throws Exception {
        int rooms = PeerBench.intOption(options, "rooms", 20);
        int members = PeerBench.intOption(options, "members", 50);
        int senders = PeerBench.intOption(options, "senders", 2);
        int[] rates = PeerBench.intsOption(options, "rates", 200, 500, 1000, 1500, 2000, 3000, 4000, 5000, 10000, 20000);
        int seconds = PeerBench.intOption(options, "seconds", 8);
        int warmup = PeerBench.intOption(options, "warmup", 1);
        int nodes = PeerBench.intOption(options, "nodes", 1);
        if (nodes < 1 || nodes > 2) throw new IllegalArgumentException("--nodes must be 1 or 2");
        if (senders > members) throw new IllegalArgumentException("--senders must not exceed --members");
        boolean twoNodes = nodes == 2;
        int goalMs = PeerBench.intOption(options, "goal", twoNodes ? 15 : 50);
        int confirm = PeerBench.intOption(options, "confirm", 0);
        String scenario = twoNodes ? "twonodes-socketio" : "fanout-socketio";
        // One node: Socket.IO's own in-memory adapter by default (its fastest setup, and no Redis in
        // its path, unlike Cairn's); two nodes need the Redis adapter. --adapter redis|memory.
        String adapter = options.getOrDefault("adapter", twoNodes ? "redis" : "memory");
        if (twoNodes && adapter.equals("memory")) throw new IllegalArgumentException("two nodes need --adapter redis");

        Peers.ensureInstalled();
        PeerReport report = new PeerReport(scenario);
        report.fact("peer", "Socket.IO " + Peers.npmVersion("socket.io") + " (WebSocket transport only) with "
            + (adapter.equals("memory") ? "its in-memory adapter" : "@socket.io/redis-adapter " + Peers.npmVersion("@socket.io/redis-adapter") + " and one redis-server")
            + ", " + nodes + " node process(es)");
        Map<String, Object> versions = Peers.versions("socket.io", "engine.io", "@socket.io/redis-adapter", "redis");
        // engine.io may carry its own copy of ws; that one serves the sockets
        String ws = Peers.npmVersion("engine.io/node_modules/ws");
        versions.put("ws", ws.equals("?") ? Peers.npmVersion("ws") : ws);
        versions.put("redis-server", Peers.firstLine("redis-server", "--version"));
        report.fact("versions", versions);
        report.fact("load", rooms + " rooms x " + members + " sockets, " + senders + " senders per room, "
            + warmup + " s warm-up + " + seconds + " s measured per step, goal p99 <= " + goalMs + " ms"
            + (confirm > 0 ? ", a step over the goal is tried up to " + confirm + " more time(s)" : ""));

        report.fact("load_average_before", Peers.loadAverage());
        List<PeerProcess> servers = new ArrayList<>();
        PeerProcess redis = null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000));
        List<SocketIoClient> all = new ArrayList<>();
        Map<String, Object> best = null;
        try {
            redis = PeerProcess.redis();
            for (int i = 0; i < nodes; i++) servers.add(PeerProcess.node("socketio-server.js", Map.of("REDIS_URL", redis.url(), "ADAPTER", adapter)));
            PeerProcess sendNode = servers.get(0);
            PeerProcess readNode = servers.get(servers.size() - 1);
            Recorder latency = new Recorder(3);
            AtomicLong delivered = new AtomicLong();
            List<SocketIoClient> senderClients = new ArrayList<>();
            List<String> senderRooms = new ArrayList<>();
            List<Future<SocketIoClient>> connecting = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                String room = "room-" + r;
                for (int m = 0; m < members; m++) {
                    boolean sender = m < senders;
                    SocketIoClient socket = new SocketIoClient(room);
                    all.add(socket);
                    if (sender) {
                        senderClients.add(socket);
                        senderRooms.add(room);
                    }
                    connecting.add(socket.connect(client, (sender ? sendNode : readNode).port,
                        sender && twoNodes ? text -> { } : text -> receive(text, latency, delivered)));
                    if (connecting.size() == 200) {
                        Future.all(connecting).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                        connecting.clear();
                    }
                }
            }
            Future.all(connecting).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            Thread.sleep(500);
            delivered.set(0);

            int receiversPerRoom = twoNodes ? members - senders : members;
            AtomicLong nextId = new AtomicLong(1);
            long expectedTotal = 0;
            long lostBefore = 0;
            int step = 0;
            int tries = 0;
            while (step < rates.length) {
                int rate = rates[step];
                long interval = 1_000_000_000L * senderClients.size() / rate;
                long start = System.nanoTime() + 200_000_000L;
                long warm = start + warmup * 1_000_000_000L;
                long stop = warm + seconds * 1_000_000_000L;
                long[] next = new long[senderClients.size()];
                for (int i = 0; i < next.length; i++) next[i] = start + interval * i / next.length;
                long firstId = nextId.get();
                OpenLoop loop = OpenLoop.start(vertx, next, interval, stop, (i, due) -> {
                    long eventId = nextId.getAndIncrement();
                    DUE.set((int) (eventId & (RING - 1)), due);
                    senderClients.get(i).emit("{\"id\":" + eventId + ",\"room\":\"" + senderRooms.get(i)
                        + "\",\"from\":" + i + ",\"text\":\"" + FILLER + "\"}");
                });
                PeerBench.sleepUntil(warm);
                latency.getIntervalHistogram();
                long deliveredBefore = delivered.get();
                double[] cpuBefore = servers.stream().mapToDouble(PeerProcess::cpuSeconds).toArray();
                double redisCpuBefore = redis.cpuSeconds();
                double harnessCpuBefore = Peers.harnessCpuSeconds();
                double machineBefore = Peers.machineBusySeconds();
                PeerBench.sleepUntil(stop);
                Histogram h = latency.getIntervalHistogram();
                long deliveredCount = delivered.get() - deliveredBefore;
                double[] cpu = new double[servers.size()];
                for (int i = 0; i < cpu.length; i++) cpu[i] = servers.get(i).cpuSeconds() - cpuBefore[i];
                double redisCpu = redis.cpuSeconds() - redisCpuBefore;
                double harnessCpu = Peers.harnessCpuSeconds() - harnessCpuBefore;
                double othersCpu = Peers.machineBusySeconds() - machineBefore - harnessCpu - redisCpu;
                for (double c : cpu) othersCpu -= c;
                loop.cancel();
                Thread.sleep(20);
                long sent = nextId.get() - firstId;
                expectedTotal += sent * receiversPerRoom;
                // Let the server drain what it still holds (until nothing arrived for 500 ms, 15 s at
                // most), so that what never arrives counts as lost.
                long drainUntil = System.nanoTime() + 15_000_000_000L;
                for (long seen = -1; delivered.get() < expectedTotal && delivered.get() != seen && System.nanoTime() < drainUntil; ) {
                    seen = delivered.get();
                    Thread.sleep(500);
                }
                long lostNow = Math.max(0, expectedTotal - delivered.get());

                Map<String, Object> row = new LinkedHashMap<>();
                row.put("offered_events_s", rate);
                if (confirm > 0) row.put("try", tries + 1);
                row.put("sent_events_s", Math.round(sent / (double) (seconds + warmup)));
                row.put("expected_deliveries_s", (long) rate * receiversPerRoom);
                row.put("delivered_s", Math.round(deliveredCount / (double) seconds));
                row.putAll(PeerReport.latency(twoNodes ? "cross_node" : "delivery", h));
                row.put("lost", lostNow - lostBefore);
                for (int i = 0; i < servers.size(); i++) {
                    row.put("server" + (i + 1) + "_cpu_pct", Math.round(cpu[i] * 100 / seconds));
                    row.put("server" + (i + 1) + "_rss_mib", Math.round(servers.get(i).rssMiB()));
                }
                row.put("redis_cpu_pct", Math.round(redisCpu * 100 / seconds));
                row.put("redis_rss_mib", Math.round(redis.rssMiB()));
                row.put("harness_cpu_pct", Math.round(harnessCpu * 100 / seconds));
                row.put("others_cpu_pct", Math.max(0, Math.round(othersCpu * 100 / seconds)));
                boolean underGoal = h.getTotalCount() > 0 && h.getValueAtPercentile(99) <= goalMs * 1000L;
                row.put("under_goal", underGoal);
                report.add(row);
                lostBefore = lostNow;
                if (underGoal && (best == null || (long) row.get("delivered_s") > (long) best.get("delivered_s"))) best = row;
                Thread.sleep(500);
                if (underGoal) {
                    step++;
                    tries = 0;
                } else if (++tries > confirm) {
                    break;
                }
            }
        } finally {
            for (SocketIoClient s : all) s.close();
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (PeerProcess s : servers) s.close();
            if (redis != null) redis.close();
        }
        if (best == null) {
            report.fact("best_under_goal", "none: the first step already passed p99 " + goalMs + " ms");
        } else {
            report.fact("best_under_goal", Map.of("offered_events_s", best.get("offered_events_s"),
                "delivered_s", best.get("delivered_s"),
                "p99_ms", best.get((twoNodes ? "cross_node" : "delivery") + "_p99_ms")));
        }
        report.fact("load_average_after", Peers.loadAverage());
        report.finish();
    }

    /** Counts a delivered event and records its latency from when it was due. */
    private static void receive(String text, Recorder latency, AtomicLong delivered) {
        long now = System.nanoTime();
        int at = text.indexOf("\"id\":");
        if (at < 0) return;
        at += 5;
        int end = at;
        while (end < text.length() && Character.isDigit(text.charAt(end))) end++;
        if (end == at) return;
        long id = Long.parseLong(text, at, end, 10);
        long due = DUE.get((int) (id & (RING - 1)));
        if (due != 0) latency.recordValue(Math.max(0, now - due) / 1000);
        delivered.incrementAndGet();
    }
}
