package dev.cairn.transport;

import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import dev.cairn.support.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A node with its embedded Redis keeps every room across a restart, from the append-only file. */
class RestartTest {

    @Test
    void roomSurvivesARestartOfTheServerWithItsEmbeddedRedis() {
        Path data = TestRedis.tempDir("cairn-restart");
        Map<String, String> env = Map.of("REDIS_URL", "", "CAIRN_DATA_DIR", data.toString());
        CairnNode first = TestNodes.start(env);
        Api.Reply created;
        try {
            created = Api.createRoom(first.port(), "Outlives restarts", "Ana");
            Api.join(first.port(), created.text("roomId"), "Ben");
            try (BoardClient ana = BoardClient.connect(first.port(), created.text("token"))) {
                ana.command("room.rename", Map.of("title", "Outlives restarts, renamed"));
            }
        } finally {
            TestNodes.stopQuietly(first);
        }

        CairnNode second = TestNodes.start(env);
        try (BoardClient ana = BoardClient.connect(second.port(), created.text("token"))) {
            assertEquals("Outlives restarts, renamed", ana.room().title());
            assertEquals(2, ana.room().members().size());
            assertEquals(4, ana.room().seq());
        } finally {
            TestNodes.stopQuietly(second);
        }
    }
}
