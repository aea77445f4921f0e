package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.store.EmbeddedRedis;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario "restart": two nodes, one Redis, boards spread over both, writers inserting unique
 * tokens into each room's purpose. Node A is killed (SIGKILL). Reports how long until 99% of A's
 * boards were back on B and in sync with the room, and how many acknowledged edits are missing
 * from the final text (must be 0) or present twice.
 */
final class Restart {
    private Restart() {
    }

    static void run(Map<String, String> options) throws Exception {
        int rooms = Bench.intOption(options, "rooms", 10);
        int members = Bench.intOption(options, "members", 100);
        int writers = Bench.intOption(options, "writers", 4);
        int writeRate = Bench.intOption(options, "rate", 10);
        Report report = new Report("restart");
        EmbeddedRedis redis = EmbeddedRedis.start(Files.createTempDirectory("cairn-bench-redis"));
        Map<String, String> env = Map.of("REDIS_URL", redis.url());
        ServerProcess a = ServerProcess.start(env, List.of("-Xmx1g"));
        ServerProcess b = ServerProcess.start(env, List.of("-Xmx1g"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1_000_000).setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
        try {
            List<Integer> ports = List.of(a.port, b.port);
            List<List<Survivor>> byRoom = new ArrayList<>();
            List<Survivor> onA = new ArrayList<>();
            List<Survivor> all = new ArrayList<>();
            List<String> roomIds = new ArrayList<>();
            for (int r = 0; r < rooms; r++) {
                JsonNode room = Http.createRoom(b.port, "Restart " + r);
                roomIds.add(room.get("roomId").asText());
                List<Survivor> boards = new ArrayList<>();
                for (int m = 0; m < members; m++) {
                    JsonNode joined = Http.join(b.port, room.get("roomId").asText(), "Member " + m);
                    int first = m % 2;
                    Survivor s = new Survivor(vertx, client, joined.get("memberId").asText(), joined.get("token").asText(), ports, first);
                    boards.add(s);
                    all.add(s);
                    if (first == 0) onA.add(s);
                    s.connect();
                }
                byRoom.add(boards);
            }
            CoEditing.waitFor("all boards live", () -> all.stream().allMatch(s -> s.live), 60);
            long interval = 1000 / writeRate;
            long timer = vertx.setPeriodic(interval, id -> {
                for (List<Survivor> boards : byRoom) {
                    for (int w = 0; w < writers; w++) boards.get(w).write();
                }
            });
            Thread.sleep(3000);
            long killedAt = System.nanoTime();
            a.kill();
            long[] back = new long[onA.size()];
            Arrays.fill(back, -1);
            long deadline = killedAt + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                long now = System.nanoTime();
                int done = 0;
                for (int i = 0; i < onA.size(); i++) {
                    if (back[i] >= 0) {
                        done++;
                        continue;
                    }
                    Survivor s = onA.get(i);
                    List<Survivor> boards = byRoom.get(all.indexOf(s) / members);
                    long roomSeq = boards.stream().filter(o -> o.live && o.port() == b.port).mapToLong(o -> o.seq).max().orElse(0);
                    if (s.live && s.port() == b.port && s.seq >= roomSeq) {
                        back[i] = now - killedAt;
                        done++;
                    }
                }
                if (done == onA.size()) break;
                Thread.sleep(5);
            }
            Thread.sleep(2000);
            vertx.cancelTimer(timer);
            CoEditing.waitFor("writers settled", () -> all.stream().allMatch(Survivor::settled), 30);

            long lost = 0;
            long doubled = 0;
            long ackedTotal = 0;
            for (int r = 0; r < rooms; r++) {
                String text = finalText(b.port, roomIds.get(r));
                for (Survivor s : byRoom.get(r)) {
                    for (String token : s.acked) {
                        ackedTotal++;
                        int count = text.split(java.util.regex.Pattern.quote(token), -1).length - 1;
                        if (count == 0) lost++;
                        if (count > 1) doubled++;
                    }
                }
            }
            long[] sorted = Arrays.stream(back).map(v -> v < 0 ? Long.MAX_VALUE : v).sorted().toArray();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("boards_total", all.size());
            row.put("boards_on_killed_node", onA.size());
            row.put("back_in_sync", Arrays.stream(back).filter(v -> v >= 0).count());
            row.put("p50_back_ms", ms(sorted[sorted.length / 2]));
            row.put("p99_back_ms", ms(sorted[(int) Math.ceil(sorted.length * 0.99) - 1]));
            row.put("max_back_ms", ms(sorted[sorted.length - 1]));
            row.put("acked_edits", ackedTotal);
            row.put("acked_edits_lost", lost);
            row.put("acked_edits_doubled", doubled);
            report.add(row);
        } finally {
            Survivor.stopping = true;
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            a.close();
            b.close();
            redis.close();
        }
        report.finish();
    }

    private static Object ms(long nanos) {
        return nanos == Long.MAX_VALUE ? "not back" : Math.round(nanos / 100_000.0) / 10.0;
    }

    /** The purpose text as a fresh board on the surviving node sees it. */
    private static String finalText(int port, String roomId) throws Exception {
        JsonNode probe = Http.join(port, roomId, "Probe");
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.concurrent.CompletableFuture<String> text = new java.util.concurrent.CompletableFuture<>();
        StringBuilder partial = new StringBuilder();
        java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(java.net.URI.create("ws://127.0.0.1:" + port + "/ws"),
            new java.net.http.WebSocket.Listener() {
                @Override
                public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        JsonNode frame = dev.cairn.protocol.Wire.tree(partial.toString());
                        partial.setLength(0);
                        if (frame.path("type").asText().equals("snapshot")) {
                            text.complete(frame.path("room").path("purpose").path("text").asText());
                        }
                    }
                    socket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"hello\",\"token\":\"" + probe.get("token").asText() + "\"}", true);
        String result = text.get(10, TimeUnit.SECONDS);
        ws.abort();
        return result;
    }
}
