package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.EmbeddedRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario "fanout" (one node) and "twonodes" (two nodes, one Redis): rooms of M members, S of
 * whom rename themselves on a fixed schedule; every rename is a committed room event delivered to
 * all M boards. The total rate rises step by step until p99 passes the goal. In "twonodes" the
 * senders are on node A and latency is measured on the boards of node B (cross-node delivery).
 */
final class FanOut {
    private static final Map<String, Long> DUE = new ConcurrentHashMap<>();

    private FanOut() {
    }

    static void run(Map<String, String> options, boolean twoNodes) throws Exception {
        int rooms = Bench.intOption(options, "rooms", 20);
        int members = Bench.intOption(options, "members", 50);
        int senders = Bench.intOption(options, "senders", 2);
        int[] rates = Bench.intsOption(options, "rates", 200, 500, 1000, 2000, 3000, 3500, 4000, 5000);
        int seconds = Bench.intOption(options, "seconds", 8);
        int goalMs = Bench.intOption(options, "goal", twoNodes ? 15 : 50);
        String scenario = twoNodes ? "twonodes" : "fanout";
        Report report = new Report(scenario);
        EmbeddedRedis redis = twoNodes && !options.containsKey("redis-url")
            ? EmbeddedRedis.start(Files.createTempDirectory("cairn-bench-redis")) : null;
        Map<String, String> env = redis == null ? Bench.redisEnv(options) : Map.of("REDIS_URL", redis.url());
        List<ServerProcess> servers = new ArrayList<>();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
        try {
            servers.add(ServerProcess.start(env, List.of("-Xmx2g")));
            if (twoNodes) servers.add(ServerProcess.start(env, List.of("-Xmx2g")));
            ServerProcess sendNode = servers.get(0);
            ServerProcess readNode = servers.get(servers.size() - 1);
            Recorder latency = new Recorder(3);
            AtomicLong delivered = new AtomicLong();
            List<Member> senderMembers = new ArrayList<>();
            List<Future<Member>> connecting = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                JsonNode room = Http.createRoom(sendNode.port, "Fan-out " + r);
                for (int m = 0; m < members; m++) {
                    JsonNode joined = Http.join(sendNode.port, room.get("roomId").asText(), "Member " + m);
                    Member member = new Member(joined.get("memberId").asText(), joined.get("token").asText());
                    boolean sender = m < senders;
                    ServerProcess node = sender ? sendNode : readNode;
                    if (sender) senderMembers.add(member);
                    connecting.add(member.connectRaw(client, "127.0.0.1", node.port,
                        sender && twoNodes ? text -> { } : text -> receive(text, latency, delivered)));
                }
            }
            Future.all(connecting).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            int receiversPerRoom = twoNodes ? members - senders : members;
            long counter = 0;
            int failures = 0;
            for (int step = -1; step < rates.length; step++) {
                // step -1 warms the server (JIT, first frames of every socket) at the first rate, unreported
                int rate = rates[Math.max(0, step)];
                long interval = 1_000_000_000L * senderMembers.size() / rate;
                long start = System.nanoTime() + 200_000_000L;
                long warm = start + 1_000_000_000L;
                long stop = warm + seconds * 1_000_000_000L;
                long[] next = new long[senderMembers.size()];
                for (int i = 0; i < next.length; i++) next[i] = start + interval * i / next.length;
                long[] sent = {counter};
                long timer = vertx.setPeriodic(1, id -> {
                    long now = System.nanoTime();
                    for (int i = 0; i < next.length; i++) {
                        while (next[i] <= now && next[i] < stop) {
                            String name = "m" + (sent[0]++);
                            DUE.put(name, next[i]);
                            senderMembers.get(i).send("{\"type\":\"member.rename\",\"id\":\"" + name + "\",\"name\":\"" + name + "\"}");
                            next[i] += interval;
                        }
                    }
                });
                CoEditing.sleepUntil(warm);
                latency.getIntervalHistogram();
                long deliveredBefore = delivered.get();
                double[] cpuBefore = servers.stream().mapToDouble(ServerProcess::cpuSeconds).toArray();
                double[] childCpuBefore = servers.stream().mapToDouble(ServerProcess::childCpuSeconds).toArray();
                double harnessBefore = ProcessStats.cpuSeconds(ProcessHandle.current().pid());
                CoEditing.sleepUntil(stop);
                Histogram h = latency.getIntervalHistogram();
                long deliveredCount = delivered.get() - deliveredBefore;
                vertx.cancelTimer(timer);
                counter = sent[0];
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("offered_events_s", rate);
                row.put("expected_deliveries_s", rate * receiversPerRoom);
                row.put("delivered_s", Math.round(deliveredCount / (double) seconds));
                row.putAll(Report.latency(twoNodes ? "cross_node" : "delivery", h));
                for (int i = 0; i < servers.size(); i++) {
                    row.put("server" + (i + 1) + "_cpu_pct", Math.round((servers.get(i).cpuSeconds() - cpuBefore[i]) * 100 / seconds));
                    row.put("server" + (i + 1) + "_rss_mib", Math.round(servers.get(i).rssMiB()));
                    if (redis == null && !options.containsKey("redis-url")) {
                        row.put("server" + (i + 1) + "_redis_cpu_pct", Math.round((servers.get(i).childCpuSeconds() - childCpuBefore[i]) * 100 / seconds));
                    }
                }
                // The harness's own CPU: near 100 % of its cores, it and not the server is what limits the figures.
                row.put("harness_cpu_pct", Math.round((ProcessStats.cpuSeconds(ProcessHandle.current().pid()) - harnessBefore) * 100 / seconds));
                boolean underGoal = h.getValueAtPercentile(99) <= goalMs * 1000L;
                row.put("under_goal", underGoal);
                Thread.sleep(1000);
                DUE.clear();
                if (step < 0) continue;
                report.add(row);
                failures = underGoal ? 0 : failures + 1;
                if (failures == 2) break;
            }
        } finally {
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (ServerProcess s : servers) s.close();
            if (redis != null) redis.close();
        }
        report.finish();
    }

    /** Counts each delivered rename and records its latency from when it was due. */
    private static void receive(String text, Recorder latency, AtomicLong delivered) {
        long now = System.nanoTime();
        int at = 0;
        while ((at = text.indexOf("\"member.renamed\",\"memberId\":\"", at)) >= 0) {
            int nameAt = text.indexOf("\"name\":\"", at) + 8;
            int end = text.indexOf('"', nameAt);
            Long due = DUE.get(text.substring(nameAt, end));
            if (due != null) latency.recordValue(Math.max(0, now - due) / 1000);
            delivered.incrementAndGet();
            at = end;
        }
    }
}
