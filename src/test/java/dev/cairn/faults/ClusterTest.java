package dev.cairn.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.meeting.MeetingModule;
import dev.cairn.room.RoomRules;
import dev.cairn.store.RedisRoomStore;
import dev.cairn.store.RoomKeys;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Redis Cluster as operators run it: three masters, each with one replica (six Debian
 * redis-server processes on loopback, {@code cluster-node-timeout} one second), and two Cairn nodes
 * (in this JVM, two event loops each) that know the cluster only by its seed nodes.
 * <p>
 * Rooms whose keys land on each of the three masters are made, joined, renamed and edited from
 * both nodes, and each runs a timebox whose time-up must be committed exactly once: every commit
 * script stays in the room's slot, events cross between nodes on sharded channels
 * ({@code SPUBLISH} from the script, {@code SSUBSCRIBE} on the shard), and the global sets of due
 * and opened rooms are kept from each room's own copy. Then the master of a busy room is killed:
 * the cluster promotes its replica and boards go on saving; no edit is applied twice, and what the
 * dead master acknowledged but had not replicated is counted ("cluster failover: ...").
 */
class ClusterTest {
    private static final long WRITE_EVERY_MS = 40;

    private final List<RedisProcess> redis = new ArrayList<>();
    private final List<CairnNode> nodes = new ArrayList<>();
    private final List<FailoverBoard> boards = new ArrayList<>();
    private Vertx vertx;
    private WebSocketClient client;

    @BeforeEach
    void cluster() throws Exception {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(16 << 20).setMaxMessageSize(16 << 20));
        for (int i = 0; i < 6; i++) {
            redis.add(RedisProcess.start("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", "1000"));
        }
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (RedisProcess r : redis) create.add(r.address());
        create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "the cluster was made: " + out);
        Until.until("every node sees the cluster whole, each master with its replica", () ->
            redis.stream().allMatch(r -> cli(r, "CLUSTER", "INFO").contains("cluster_state:ok"))
                && masters().size() == 3
                && redis.stream().filter(r -> !masters().contains(r)).allMatch(r -> cli(r, "INFO", "replication").contains("master_link_status:up")));
    }

    @AfterEach
    void stopAll() throws Exception {
        boards.forEach(FailoverBoard::stop);
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        try {
            for (CairnNode node : nodes) TestNodes.stopQuietly(node);
        } finally {
            for (RedisProcess r : redis) r.close();
        }
    }

    @Test
    void roomsOnEveryMasterWorkAcrossTwoNodesWithOneTimeUpEachAndTheirEntriesInTheGlobalSets() throws Exception {
        long startedAt = System.currentTimeMillis();
        CairnNode east = node();
        CairnNode west = node();
        Map<RedisProcess, Api.Reply> rooms = roomOnEveryMaster(east);
        assertEquals(3, rooms.size(), "a room on each master");

        for (var entry : rooms.entrySet()) {
            RedisProcess master = entry.getKey();
            String roomId = entry.getValue().text("roomId");
            RoomKeys keys = new RoomKeys(roomId);
            Api.Reply ben = Api.join(west.port(), roomId, "Ben");
            try (BoardClient ana = BoardClient.connect(east.port(), entry.getValue().text("token"));
                 BoardClient benBoard = BoardClient.connect(west.port(), ben.text("token"))) {
                // Across nodes, both ways: each sees the other's change through the room's sharded channel.
                long seq = ok(ana.command("room.rename", Map.of("title", "Renamed on east " + roomId)));
                benBoard.awaitSeq(seq);
                assertEquals("Renamed on east " + roomId, benBoard.room().title());
                seq = ok(benBoard.command("purpose.edit", Map.of("seq", benBoard.room().seq(), "op", List.of("from west"))));
                ana.awaitSeq(seq);
                assertEquals("from west", dev.cairn.purpose.PurposeModule.of(ana.room()).text());

                // A timebox: its end is in the room's own due entry and, copied, in the global set.
                ok(ana.command("meeting.segment_add", Map.of("title", "Discuss", "kind", "discussion", "minutes", 10)));
                ok(ana.command("meeting.start", Map.of()));
                String segment = MeetingModule.of(ana.room()).agenda().get(0).id();
                ok(ana.command("meeting.goto", Map.of("segmentId", segment, "timer", false)));
                long end = System.currentTimeMillis() + 2500;
                seq = ok(ana.command("meeting.timer_start", Map.of("until", end)));
                benBoard.awaitSeq(seq);
                assertEquals(Long.toString(end), cli(master, "ZSCORE", keys.due(), roomId), "the room's own due entry, in its slot");
                Until.until("the global set of due rooms has the room's end", () -> Long.toString(end).equals(clusterCli("ZSCORE", RoomKeys.DUE, roomId)));

                for (BoardClient board : List.of(ana, benBoard)) board.await("time up", c -> timeUps(c).size() > 0);
                Thread.sleep(Math.max(0, end + 3000 - System.currentTimeMillis()));
                long last = ok(ana.command("meeting.propose", Map.of("title", "After the end", "minutes", 1)));
                for (BoardClient board : List.of(ana, benBoard)) {
                    board.awaitSeq(last);
                    List<JsonNode> up = timeUps(board);
                    assertEquals(1, up.size(), "exactly one time-up in room " + roomId + ": " + up);
                    assertEquals(RoomRules.SYSTEM, up.get(0).path("by").asText());
                }
                assertEquals(ana.room(), benBoard.room(), "both boards hold the same room");
                Until.until("the global entry follows the room's own once the end has passed",
                    () -> cli(master, "ZSCORE", keys.due(), roomId).equals(clusterCli("ZSCORE", RoomKeys.DUE, roomId)));
            }
            assertTrue(!cli(master, "ZSCORE", keys.opened(), roomId).isEmpty(), "the room's own opened entry");
            assertTrue(!clusterCli("ZSCORE", RoomKeys.OPENED, roomId).isEmpty(), "the room is in the retention set");
        }

        // Retention lets a room go: its keys leave its slot and its entries leave both global sets.
        String roomId = rooms.values().iterator().next().text("roomId");
        RedisAPI api = RedisAPI.api(Redis.createClient(vertx, new RedisOptions().setType(RedisClientType.CLUSTER)
            .addConnectionString(redis.get(0).url())));
        RedisRoomStore store = new RedisRoomStore(api, "test", 5000, true);
        boolean kept = !store.forget(roomId, List.of(), List.of(), startedAt).toCompletionStage()
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(kept, "a room opened since 'before' stays");
        assertEquals("1", clusterCli("EXISTS", new RoomKeys(roomId).seq()));
        boolean deleted = store.forget(roomId, List.of(), List.of(), System.currentTimeMillis() + 60_000).toCompletionStage()
            .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(deleted, "retention deleted the room");
        assertEquals("0", clusterCli("EXISTS", new RoomKeys(roomId).seq()));
        assertEquals("", clusterCli("ZSCORE", RoomKeys.OPENED, roomId));
        assertEquals("", clusterCli("ZSCORE", RoomKeys.DUE, roomId));
        api.close();
    }

    @Test
    void aMasterKilledDuringWritesIsReplacedByItsReplicaAndBoardsGoOnSavingWithNothingAppliedTwice() throws Exception {
        CairnNode east = node();
        CairnNode west = node();
        Map<RedisProcess, Api.Reply> rooms = roomOnEveryMaster(east);
        RedisProcess master = rooms.keySet().iterator().next();
        String roomId = rooms.get(master).text("roomId");
        RedisProcess replica = redis.stream().filter(r -> cli(r, "INFO", "replication").contains("master_port:" + master.port))
            .findFirst().orElseThrow();
        long writer = typeInto(roomId, east, west);

        Set<String> ackedAtKill = acked();
        long killedAt = System.nanoTime();
        master.kill();
        Until.until("the cluster promotes the replica", () -> cli(replica, "ROLE").startsWith("master")
            && cli(replica, "CLUSTER", "INFO").contains("cluster_state:ok"));
        long promotedAt = System.nanoTime();
        Set<String> ackedAtPromotion = acked();
        fiveMoreEach("on the new master");
        long savingAgainAt = System.nanoTime();
        String text = settle(writer, replica, roomId, west, rooms.get(master).text("token"));
        int sent = 0;
        List<String> lost = new ArrayList<>();
        for (FailoverBoard s : boards) {
            for (String token : s.sent()) {
                sent++;
                int count = text.split(Pattern.quote(token), -1).length - 1;
                assertTrue(count <= 1, token + " is in the draft at most once, found " + count);
                if (count == 0) {
                    lost.add(token);
                    assertTrue(ackedAtPromotion.contains(token), token + " is missing though it was not acknowledged before the failover");
                }
            }
        }
        assertTrue(sent > 20, "the boards typed (" + sent + " edits)");
        // The rooms on the other masters took changes again as well.
        for (var entry : rooms.entrySet()) {
            if (entry.getKey() == master) continue;
            try (BoardClient other = BoardClient.connect(west.port(), entry.getValue().text("token"))) {
                ok(other.command("room.rename", Map.of("title", "Still here")));
            }
        }
        System.out.printf("cluster failover: %d of %d acknowledged edits lost (%d acknowledged before the kill, %d refused edits sent again on a lower seq); "
                + "kill to promotion %d ms, kill to every board saving again %d ms%n",
            lost.size(), acked().size(), ackedAtKill.size(), boards.stream().mapToInt(s -> s.rebased).sum(),
            TimeUnit.NANOSECONDS.toMillis(promotedAt - killedAt), TimeUnit.NANOSECONDS.toMillis(savingAgainAt - killedAt));
    }

    /**
     * An operator moves a busy room's slot to another master (as {@code redis-cli --cluster reshard}
     * does, one slot): while the keys move, the room's commands are redirected (ASK, TRYAGAIN,
     * then MOVED once the slot is the other master's), and its sharded channel ends on the old
     * master with a {@code sunsubscribe}, after which both nodes must subscribe on the new one.
     * Nothing crashed, so nothing may be lost: every edit sent is in the draft exactly once.
     */
    @Test
    void aBusyRoomsSlotMovedToAnotherMasterLosesNothingAndBothNodesFollowItsChannel() throws Exception {
        CairnNode east = node();
        CairnNode west = node();
        Map<RedisProcess, Api.Reply> rooms = roomOnEveryMaster(east);
        List<RedisProcess> owners = new ArrayList<>(rooms.keySet());
        RedisProcess from = owners.get(0);
        RedisProcess to = owners.get(1);
        String roomId = rooms.get(from).text("roomId");
        RoomKeys keys = new RoomKeys(roomId);
        long writer = typeInto(roomId, east, west);

        long movingAt = System.nanoTime();
        int moved = moveSlot(cli(from, "CLUSTER", "KEYSLOT", keys.seq()), from, to);
        long movedAt = System.nanoTime();
        assertTrue(moved >= 3, "the room's keys moved (" + moved + ")");
        assertEquals("1", cli(to, "EXISTS", keys.seq()), "the room's keys are on the new master");
        assertTrue(cli(from, "EXISTS", keys.seq()).startsWith("MOVED"), "and the old one sends its clients there");

        fiveMoreEach("with the room on its new master");
        long savingAt = System.nanoTime();
        Until.until(() -> "both nodes subscribed to the room's channel on its new master: " + cli(to, "PUBSUB", "SHARDNUMSUB", keys.channel()),
            () -> cli(to, "PUBSUB", "SHARDNUMSUB", keys.channel()).endsWith("\n2"));
        String text = settle(writer, to, roomId, west, rooms.get(from).text("token"));
        int sent = 0;
        for (FailoverBoard s : boards) {
            for (String token : s.sent()) {
                sent++;
                assertEquals(1, text.split(Pattern.quote(token), -1).length - 1, token + " is in the draft once");
            }
        }
        assertTrue(sent > 20, "the boards typed (" + sent + " edits)");
        System.out.printf("cluster slot move: %d keys moved in %d ms, every board saving 5 more edits %d ms after the move began; "
                + "%d edits, %d refused and sent again%n", moved, TimeUnit.NANOSECONDS.toMillis(movedAt - movingAt),
            TimeUnit.NANOSECONDS.toMillis(savingAt - movingAt), sent, boards.stream().mapToInt(s -> s.rebased).sum());
    }

    /**
     * A deadline of a room no node has open fires from the global set of due rooms, which in a
     * cluster is copied from the room's own entry: the nodes that ran the meeting are stopped, a
     * fresh node's scan of {@code cairn:due} commits the time-up (seen in Redis before any board
     * opens the room again), and it is committed once.
     */
    @Test
    void aDeadlineOfARoomNobodyHasOpenFiresOnceFromTheGlobalDueSet() throws Exception {
        CairnNode east = node();
        Api.Reply created = Api.createRoom(east.port(), "Nobody here", "Ana");
        String roomId = created.text("roomId");
        RoomKeys keys = new RoomKeys(roomId);
        long end;
        try (BoardClient ana = BoardClient.connect(east.port(), created.text("token"))) {
            ok(ana.command("meeting.segment_add", Map.of("title", "Discuss", "kind", "discussion", "minutes", 10)));
            ok(ana.command("meeting.start", Map.of()));
            String segment = MeetingModule.of(ana.room()).agenda().get(0).id();
            ok(ana.command("meeting.goto", Map.of("segmentId", segment, "timer", false)));
            end = System.currentTimeMillis() + 4000;
            ok(ana.command("meeting.timer_start", Map.of("until", end)));
        }
        Until.until("the global set of due rooms has the room's end", () -> Long.toString(end).equals(clusterCli("ZSCORE", RoomKeys.DUE, roomId)));
        nodes.remove(east);
        TestNodes.stopQuietly(east);
        String seqAtStop = clusterCli("GET", keys.seq());
        assertTrue(System.currentTimeMillis() < end, "the node stopped before the deadline (machine too slow to tell the paths apart)");

        CairnNode fresh = node();
        Until.until("the fresh node's scan committed the time-up, with no board open",
            () -> Long.parseLong(clusterCli("GET", keys.seq())) > Long.parseLong(seqAtStop));
        Until.until("the global due entry no longer names the passed deadline",
            () -> !Long.toString(end).equals(clusterCli("ZSCORE", RoomKeys.DUE, roomId)));
        assertTrue(System.currentTimeMillis() >= end, "the time-up came after the deadline");
        String archive = clusterCli("XRANGE", keys.archive(), "-", "+");
        List<String> timeUps = archive.lines().filter(l -> l.contains("\"type\":\"meeting.time_up\"")).toList();
        assertEquals(1, timeUps.size(), "one time-up in the archive: " + timeUps);
        assertTrue(timeUps.get(0).contains("\"by\":\"" + RoomRules.SYSTEM + "\""), timeUps.get(0));
        assertTrue(timeUps.get(0).contains("\"seq\":" + (Long.parseLong(seqAtStop) + 1) + ","), "the first event after the nodes stopped: " + timeUps.get(0));
        try (BoardClient ana = BoardClient.connect(fresh.port(), created.text("token"))) {
            assertTrue(MeetingModule.of(ana.room()).meeting().timer().timeUp(), "a board opening the room sees the time is up");
        }
    }

    // ---- the parts -----------------------------------------------------------------------------

    private CairnNode node() {
        String seeds = redis.stream().limit(3).map(RedisProcess::address).collect(Collectors.joining(","));
        CairnNode node = TestNodes.start(Map.of("REDIS_URL", "", "CAIRN_REDIS_CLUSTER", seeds));
        nodes.add(node);
        return node;
    }

    /** Creates rooms until one lives on each master; the master holding each room's keys, and the room. */
    private Map<RedisProcess, Api.Reply> roomOnEveryMaster(CairnNode via) {
        Map<RedisProcess, Api.Reply> rooms = new LinkedHashMap<>();
        List<RedisProcess> masters = masters();
        for (int i = 0; i < 60 && rooms.size() < masters.size(); i++) {
            Api.Reply created = Api.createRoom(via.port(), "Cluster room " + i, "Ana");
            String seq = new RoomKeys(created.text("roomId")).seq();
            for (RedisProcess m : masters) {
                if (cli(m, "EXISTS", seq).equals("1")) rooms.putIfAbsent(m, created);
            }
        }
        return rooms;
    }

    /** Four typists join the room, over both nodes, and type until each has saved a few edits; the typing timer. */
    private long typeInto(String roomId, CairnNode east, CairnNode west) {
        List<Integer> ports = List.of(east.port(), west.port());
        for (int i = 0; i < 4; i++) {
            Api.Reply joined = Api.join(east.port(), roomId, "Typist " + i);
            FailoverBoard s = new FailoverBoard(vertx, client, joined.text("memberId"), joined.text("token"), ports, i % 2);
            boards.add(s);
            s.connect();
        }
        Until.until("every board is live", () -> boards.stream().allMatch(s -> s.live));
        long writer = vertx.setPeriodic(WRITE_EVERY_MS, id -> boards.forEach(FailoverBoard::write));
        Until.until("every board saved a few edits", () -> boards.stream().allMatch(s -> s.acked.size() >= 5));
        return writer;
    }

    private void fiveMoreEach(String where) {
        int[] before = boards.stream().mapToInt(s -> s.acked.size()).toArray();
        Until.until("every board saved more edits " + where,
            () -> { for (int i = 0; i < before.length; i++) if (boards.get(i).acked.size() < before[i] + 5) return false; return true; });
    }

    /**
     * Stops typing, waits until every board's last edit is acknowledged and every board is at the
     * seq the room's master holds; the draft as a fresh board on {@code via} reads it.
     */
    private String settle(long writer, RedisProcess holder, String roomId, CairnNode via, String token) {
        vertx.cancelTimer(writer);
        Until.until("every board's last edit is acknowledged", () -> boards.stream().allMatch(s -> s.live && s.settled()));
        String seqKey = new RoomKeys(roomId).seq();
        Until.until(() -> "every board holds Redis's copy (Redis at " + cli(holder, "GET", seqKey) + ", boards at "
                + boards.stream().map(s -> Long.toString(s.seq)).collect(Collectors.joining(",")) + ")",
            () -> { String seq = cli(holder, "GET", seqKey); return boards.stream().allMatch(s -> Long.toString(s.seq).equals(seq)); });
        try (BoardClient probe = BoardClient.connect(via.port(), token)) {
            return dev.cairn.purpose.PurposeModule.of(probe.room()).text();
        }
    }

    /**
     * Moves one slot from master {@code from} to master {@code to} the way Redis documents a
     * resharding: the target imports, the source migrates, the keys go over in batches, then both
     * and every other master learn the new owner. Answers how many keys moved.
     */
    private int moveSlot(String slot, RedisProcess from, RedisProcess to) {
        String fromId = cli(from, "CLUSTER", "MYID");
        String toId = cli(to, "CLUSTER", "MYID");
        assertEquals("OK", cli(to, "CLUSTER", "SETSLOT", slot, "IMPORTING", fromId));
        assertEquals("OK", cli(from, "CLUSTER", "SETSLOT", slot, "MIGRATING", toId));
        int moved = 0;
        for (int round = 0; round < 100; round++) {
            String listed = cli(from, "CLUSTER", "GETKEYSINSLOT", slot, "10");
            if (listed.isBlank()) break;
            List<String> batch = List.of(listed.split("\n"));
            List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(to.port), "", "0", "5000", "KEYS"));
            migrate.addAll(batch);
            String out = cli(from, migrate.toArray(String[]::new));
            assertTrue(out.equals("OK") || out.equals("NOKEY"), "MIGRATE answered " + out);
            moved += batch.size();
        }
        for (RedisProcess m : List.of(to, from)) assertEquals("OK", cli(m, "CLUSTER", "SETSLOT", slot, "NODE", toId));
        for (RedisProcess m : masters()) {
            if (m != to && m != from) cli(m, "CLUSTER", "SETSLOT", slot, "NODE", toId);
        }
        return moved;
    }

    private List<RedisProcess> masters() {
        return redis.stream().filter(r -> r.alive() && cli(r, "ROLE").startsWith("master")).toList();
    }

    private Set<String> acked() {
        Set<String> all = new HashSet<>();
        for (FailoverBoard s : boards) all.addAll(s.acked);
        return all;
    }

    private static long ok(JsonNode reply) {
        assertEquals("ack", reply.path("type").asText(), reply.toString());
        return reply.path("seq").asLong();
    }

    private static List<JsonNode> timeUps(BoardClient board) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : board.frames()) {
            if (f.path("type").asText().equals("event") && f.path("event").path("type").asText().equals("meeting.time_up")) out.add(f);
        }
        return out;
    }

    /** One command through {@code redis-cli -c} (it follows redirects), on any living node. */
    private String clusterCli(String... args) {
        RedisProcess any = redis.stream().filter(RedisProcess::alive).findFirst().orElseThrow();
        List<String> all = new ArrayList<>(List.of("-c"));
        all.addAll(List.of(args));
        return cli(any, all.toArray(String[]::new));
    }

    private static String cli(RedisProcess redis, String... args) {
        try {
            return redis.cli(args);
        } catch (Exception e) {
            return "";
        }
    }
}
