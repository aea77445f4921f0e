package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario "connections": N idle boards over many rooms, held open; reports how many were held
 * without errors and the server's memory per connection (resident and live heap, after a GC).
 * Sockets come from several 127.0.0.x source addresses so ephemeral ports do not run out; the
 * process file-descriptor limit of the machine caps N.
 */
final class Connections {
    private Connections() {
    }

    static void run(Map<String, String> options) throws Exception {
        int target = Bench.intOption(options, "connections", 18_000);
        int perRoom = Bench.intOption(options, "per-room", 100);
        int membersPerRoom = Bench.intOption(options, "members-per-room", 10);
        int hold = Bench.intOption(options, "hold", 10);
        Report report = new Report("connections");
        try (ServerProcess server = ServerProcess.start(Map.of(), List.of("-Xmx4g", "-XX:NativeMemoryTracking=summary"))) {
            Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
            List<WebSocketClient> clients = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                clients.add(vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20)
                    .setLocalAddress("127.0.0." + i).setConnectTimeout(30_000)));
            }
            List<String[]> tokens = new ArrayList<>();
            int rooms = (target + perRoom - 1) / perRoom;
            for (int r = 0; r < rooms; r++) {
                JsonNode room = Http.createRoom(server.port, "Idle " + r);
                for (int m = 0; m < membersPerRoom; m++) {
                    JsonNode joined = Http.join(server.port, room.get("roomId").asText(), "Member " + m);
                    tokens.add(new String[] {joined.get("memberId").asText(), joined.get("token").asText()});
                }
            }
            Thread.sleep(2000);
            double[] before = server.memoryAfterGc();
            double nativeBefore = server.nativeOutsideHeapKiB();
            AtomicLong failed = new AtomicLong();
            List<Member> open = new ArrayList<>();
            long started = System.nanoTime();
            for (int batch = 0; batch < target; batch += 500) {
                List<Future<Member>> connecting = new ArrayList<>();
                for (int i = batch; i < Math.min(target, batch + 500); i++) {
                    String[] t = tokens.get((i / perRoom) * membersPerRoom + i % membersPerRoom);
                    Member member = new Member(t[0], t[1]);
                    open.add(member);
                    connecting.add(member.connectRaw(clients.get(i % clients.size()), "127.0.0.1", server.port, text -> { })
                        .onFailure(err -> failed.incrementAndGet()));
                }
                Future.join(connecting).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            }
            double connectSeconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(hold * 1000L);
            long stillOpen = open.stream().filter(m -> m.socket != null && !m.socket.isClosed()).count();
            double[] after = server.memoryAfterGc();
            double nativeAfter = server.nativeOutsideHeapKiB();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("target", target);
            row.put("rooms", rooms);
            row.put("held_open", stillOpen);
            row.put("failed", failed.get());
            row.put("connect_s", Math.round(connectSeconds * 10) / 10.0);
            row.put("rss_before_mib", Math.round(before[0]));
            row.put("rss_after_mib", Math.round(after[0]));
            row.put("rss_per_conn_kib", Math.round((after[0] - before[0]) * 1024 / Math.max(1, stillOpen) * 10) / 10.0);
            double heapPer = (after[1] - before[1]) * 1024 / Math.max(1, stillOpen);
            double nativePer = (nativeAfter - nativeBefore) / Math.max(1, stillOpen);
            row.put("heap_per_conn_kib", Math.round(heapPer * 10) / 10.0);
            // Native Memory Tracking: what the JVM committed outside the heap (direct buffers among it).
            row.put("native_per_conn_kib", Math.round(nativePer * 10) / 10.0);
            row.put("heap_plus_native_per_conn_kib", Math.round((heapPer + nativePer) * 10) / 10.0);
            report.add(row);
            for (WebSocketClient c : clients) c.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        report.finish();
    }
}
