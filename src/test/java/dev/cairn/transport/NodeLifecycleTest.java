package dev.cairn.transport;

import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a node says about itself, and how it leaves: /health counts every loop's sockets, shutdown says 1001. */
class NodeLifecycleTest {

    @Test
    void healthCountsTheSocketsOfEveryEventLoop() {
        CairnNode node = TestNodes.start();
        List<BoardClient> boards = new ArrayList<>();
        try {
            Api.Reply created = Api.createRoom(node.port(), "Counted", "Ana");
            // Sockets are accepted by the two loops in turn, so six boards land on both.
            for (int i = 0; i < 6; i++) boards.add(BoardClient.connect(node.port(), created.text("token")));
            assertEquals(6, Api.get(node.port(), "/health").body().path("connections").asInt());
        } finally {
            boards.forEach(BoardClient::close);
            TestNodes.stopQuietly(node);
        }
    }

    @Test
    void everyBoardHearsGoingAwayWhenTheNodeShutsDown() {
        CairnNode node = TestNodes.start();
        List<BoardClient> boards = new ArrayList<>();
        try {
            Api.Reply created = Api.createRoom(node.port(), "Closing time", "Ana");
            for (int i = 0; i < 20; i++) {
                boards.add(BoardClient.connect(node.port(), Api.join(node.port(), created.text("roomId"), "B" + i).text("token")));
            }
        } finally {
            TestNodes.stopQuietly(node);
        }
        for (BoardClient board : boards) assertEquals(1001, board.awaitClose(), "the close frame reached the board");
        boards.forEach(BoardClient::close);
    }
}
