package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomState;
import dev.cairn.store.RoomKeys;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.ProbeModule;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two seams the core runs for features, through the test module: sealed events (a private
 * note's text never reaches the archive, is kept apart while it lives, is served to every node
 * that loads the room, and after it is shredded exists nowhere in Redis or in a node's replay) and
 * presence (who comes online and goes is recorded once per change, with two nodes).
 */
class SealedAndPresenceTest {
    private static final ProbeModule PROBE = (ProbeModule) Modules.byKey("probe");

    private static CairnNode east;
    private static CairnNode west;
    private static Vertx vertx;
    private static Redis redis;

    @BeforeAll
    static void start() {
        east = TestNodes.start();
        west = TestNodes.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, TestRedis.url());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            TestNodes.stopQuietly(east);
        } finally {
            TestNodes.stopQuietly(west);
            redis.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSealedNoteIsKeptApartFromTheArchiveAndIsGoneEverywhereOnceErased() throws Exception {
        String secret = "sealed" + UUID.randomUUID().toString().replace("-", "");
        Api.Reply fay = Api.createRoom(west.port(), "Sealed", "Fay");
        String roomId = fay.text("roomId");
        Api.Reply ana = Api.join(east.port(), roomId, "Ana");
        RoomKeys keys = new RoomKeys(roomId);

        RoomState beforeNote;
        long noteSeq;
        try (BoardClient author = BoardClient.connect(east.port(), ana.text("token"));
             BoardClient facilitator = BoardClient.connect(west.port(), fay.text("token"))) {
            beforeNote = author.room();
            JsonNode ack = author.command("probe.note", Map.of("text", secret, "private", true));
            assertEquals("ack", ack.path("type").asText(), ack.toString());
            noteSeq = ack.path("seq").asLong();
            facilitator.awaitSeq(noteSeq);
            assertFalse(facilitator.frames().toString().contains(secret), "another board never gets the text");

            assertFalse(archive(keys).contains(secret), "the archive keeps the note without its text");
            assertTrue(archive(keys).contains("\"n" + noteSeq + "\""), "but keeps the note's event");
            assertTrue(call(api -> api.hget(keys.sealed(), Long.toString(noteSeq))).toString().contains(secret),
                "the full event is kept apart under its seq");
        }

        // A node that loads the room afresh serves the author the full note, from the sealed copy.
        CairnNode north = TestNodes.start();
        try {
            try (BoardClient authorOnNorth = BoardClient.connect(north.port(), ana.text("token"))) {
                assertEquals(secret, note(authorOnNorth.room(), noteSeq).text(), "loaded with the sealed copy");
            }
            try (BoardClient resumed = BoardClient.open(north.port(), null)) {
                resumed.assume(beforeNote);
                resumed.hello(ana.text("token"), beforeNote.seq());
                resumed.awaitSeq(noteSeq);
                assertFalse(resumed.has(f -> f.path("type").asText().equals("snapshot")), "replayed, not a snapshot");
                assertEquals(secret, note(resumed.room(), noteSeq).text(), "the replay to the author has the text");
            }

            long shredSeq;
            try (BoardClient author = BoardClient.connect(east.port(), ana.text("token"));
                 BoardClient onNorth = BoardClient.connect(north.port(), fay.text("token"))) {
                JsonNode ack = author.command("probe.shred", Map.of("noteId", "n" + noteSeq));
                assertEquals("ack", ack.path("type").asText(), ack.toString());
                shredSeq = ack.path("seq").asLong();
                onNorth.awaitSeq(shredSeq);
                assertNull(note(author.room(), noteSeq).text());
            }

            assertFalse(everythingStored(keys).contains(secret), "after erasure no key of the room holds the text");
            assertEquals(0, call(api -> api.exists(List.of(keys.sealed()))).toInteger(), "nothing sealed is left");

            // Every node's replay now holds only the archived form, as Redis does.
            for (CairnNode node : List.of(east, west, north)) {
                try (BoardClient resumed = BoardClient.open(node.port(), null)) {
                    resumed.assume(beforeNote);
                    resumed.hello(ana.text("token"), beforeNote.seq());
                    resumed.awaitSeq(shredSeq);
                    assertFalse(resumed.frames().toString().contains(secret), "no node replays the erased text");
                    assertNull(resumed.orderProblem());
                }
                try (BoardClient fresh = BoardClient.connect(node.port(), ana.text("token"))) {
                    assertFalse(fresh.frames().toString().contains(secret), "nor puts it in a snapshot");
                }
            }
        } finally {
            TestNodes.stopQuietly(north);
        }
    }

    @Test
    void whoComesAndGoesIsRecordedOncePerChangeWithTwoNodes() {
        Api.Reply fay = Api.createRoom(west.port(), "Presence", "Fay");
        String roomId = fay.text("roomId");
        Api.Reply ana = Api.join(east.port(), roomId, "Ana");
        String anaId = ana.text("memberId");
        String fayId = fay.text("memberId");

        try (BoardClient facilitator = BoardClient.connect(west.port(), fay.text("token"))) {
            facilitator.command("probe.watch", Map.of());
            facilitator.await("Fay recorded as present", b -> PROBE.part(b.room()).present().contains(fayId));

            // Ana opens two boards, one on each node: one arrival.
            try (BoardClient first = BoardClient.connect(east.port(), ana.text("token"));
                 BoardClient second = BoardClient.connect(west.port(), ana.text("token"))) {
                facilitator.await("Ana present", b -> PROBE.part(b.room()).present().contains(anaId));
                first.awaitSeq(facilitator.room().seq());
                second.awaitSeq(facilitator.room().seq());
            }
            facilitator.await("Ana gone", b -> !PROBE.part(b.room()).present().contains(anaId));

            // Back once more, then gone.
            try (BoardClient again = BoardClient.connect(east.port(), ana.text("token"))) {
                facilitator.await("Ana back", b -> PROBE.part(b.room()).present().contains(anaId));
            }
            facilitator.await("Ana gone again", b -> !PROBE.part(b.room()).present().contains(anaId));

            assertEquals(List.of("arrived", "left", "arrived", "left"), presenceEvents(facilitator, anaId),
                "each change of who is online committed exactly once");
            assertEquals(List.of("arrived"), presenceEvents(facilitator, fayId));
        }
    }

    private static List<String> presenceEvents(BoardClient board, String memberId) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : board.frames()) {
            if (!f.path("type").asText().equals("event")) continue;
            JsonNode e = f.path("event");
            String type = e.path("type").asText();
            if ((type.equals("probe.arrived") || type.equals("probe.left")) && e.path("memberId").asText().equals(memberId)) {
                out.add(type.substring("probe.".length()));
            }
        }
        return out;
    }

    private static ProbeModule.Note note(RoomState room, long seq) {
        ProbeModule.Note note = PROBE.part(room).note("n" + seq);
        if (note == null) throw new AssertionError("no note n" + seq + " in " + PROBE.part(room));
        return note;
    }

    private static String archive(RoomKeys keys) throws Exception {
        return call(api -> api.xrange(List.of(keys.archive(), "-", "+"))).toString();
    }

    /** Every value of every key of the room, whatever its type, as one text. */
    private static String everythingStored(RoomKeys keys) throws Exception {
        StringBuilder all = new StringBuilder();
        String pattern = "cairn:{" + keys.roomId() + "}:*";
        for (Response key : call(api -> api.keys(pattern))) {
            String name = key.toString();
            String type = call(api -> api.type(name)).toString();
            Response value = switch (type) {
                case "string" -> call(api -> api.get(name));
                case "stream" -> call(api -> api.xrange(List.of(name, "-", "+")));
                case "hash" -> call(api -> api.hgetall(name));
                case "list" -> call(api -> api.lrange(name, "0", "-1"));
                case "zset" -> call(api -> api.zrange(List.of(name, "0", "-1")));
                default -> call(api -> api.get(name));
            };
            all.append(name).append(" = ").append(value).append('\n');
        }
        return all.toString();
    }

    private static Response call(java.util.function.Function<RedisAPI, io.vertx.core.Future<Response>> f) throws Exception {
        return f.apply(RedisAPI.api(redis)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
