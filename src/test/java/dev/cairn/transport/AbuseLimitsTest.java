package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.support.Api;
import dev.cairn.support.BoardClient;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one person (or one script) can take from a node is bounded: rooms created and joins per
 * client address (the real client behind a trusted proxy), boards open per member, and messages
 * per member across all their boards. Others keep being served.
 */
class AbuseLimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start(Map.of("CAIRN_LIMITS_CREATES_PER_MINUTE", "5", "CAIRN_LIMITS_JOINS_PER_MINUTE", "8",
            "CAIRN_LIMITS_SOCKETS_PER_MEMBER", "3", "CAIRN_LIMITS_COMMANDS_PER_SECOND", "1",
            "CAIRN_LIMITS_COMMAND_BURST", "10", "CAIRN_HTTP_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void oneAddressCreatesAndJoinsOnlySoOftenAndTheRealClientBehindAProxyIsCounted() throws Exception {
        List<Integer> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) created.add(create("203.0.113.7").statusCode());
        assertEquals(List.of(201, 201, 201, 201, 201, 429, 429), created, "five a minute from one address");
        HttpResponse<String> refused = create("203.0.113.7");
        assertEquals("rate_limited", dev.cairn.protocol.Wire.tree(refused.body()).path("code").asText(), refused.body());
        assertTrue(refused.headers().firstValue("retry-after").isPresent(), "says when to try again");
        assertEquals(201, create("198.51.100.4").statusCode(), "another client behind the same proxy is not affected");
        assertEquals(201, create("10.9.9.9, 198.51.100.5").statusCode(), "the last hop before the proxy is the client");

        String roomId = dev.cairn.protocol.Wire.tree(create("198.51.100.6").body()).path("roomId").asText();
        List<Integer> joins = new ArrayList<>();
        for (int i = 0; i < 10; i++) joins.add(join(roomId, "203.0.113.8").statusCode());
        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201, 429, 429), joins, "eight joins a minute from one address");
    }

    @Test
    void oneAddressGetsOneBudgetHoweverManyNodesItsRequestsReach() throws Exception {
        try (dev.cairn.support.NodePair nodes = dev.cairn.support.NodePair.start(Map.of("CAIRN_LIMITS_CREATES_PER_MINUTE", "5",
                "CAIRN_LIMITS_JOINS_PER_MINUTE", "4", "CAIRN_HTTP_TRUSTED_PROXIES", "127.0.0.1"))) {
            List<Integer> ports = List.of(nodes.east().port(), nodes.west().port());
            List<Integer> created = new ArrayList<>();
            String roomId = null;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = create(ports.get(i % 2), "203.0.113.50");
                created.add(r.statusCode());
                if (roomId == null) roomId = dev.cairn.protocol.Wire.tree(r.body()).path("roomId").asText();
            }
            assertEquals(List.of(201, 201, 201, 201, 201, 429, 429, 429), created, "five a minute from one address, on both nodes together");
            List<Integer> joins = new ArrayList<>();
            for (int i = 0; i < 6; i++) joins.add(join(ports.get(i % 2), roomId, "203.0.113.51").statusCode());
            assertEquals(List.of(201, 201, 201, 201, 429, 429), joins, "four joins a minute from one address, on both nodes together");
            assertEquals(201, create(ports.get(1), "203.0.113.52").statusCode(), "another address has its own budget");
        }
    }

    @Test
    void aMemberOpensOnlySoManyBoardsAndTheirMessagesShareOneBudget() {
        Api.Reply ana = Api.post(node.port(), "/api/rooms", Map.of("title", "Budget", "name", "Ana"));
        String token = ana.text("token");
        List<BoardClient> boards = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) boards.add(BoardClient.connect(node.port(), token));
            try (BoardClient fourth = BoardClient.open(node.port(), null)) {
                fourth.hello(token, null);
                assertEquals(4029, fourth.awaitClose(), "a fourth board of the same member is refused");
                assertTrue(fourth.frames().toString().contains("too_many_boards"), fourth.frames().toString());
            }
            // 27 renames spread over three boards at once (9 each, within each socket's own burst of 10 with
            // its hello): the member's budget (burst 10, one more a second) holds for all of them together.
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 27; i++) {
                BoardClient board = boards.get(i % 3);
                String id = board.nextId();
                ids.add(id);
                board.send(id, "member.rename", Map.of("name", "Ana " + i));
            }
            int limited = 0;
            for (int i = 0; i < 27; i++) {
                JsonNode reply = boards.get(i % 3).awaitReply(ids.get(i));
                if (reply.path("code").asText().equals("rate_limited")) limited++;
            }
            assertTrue(limited >= 12, "most of 27 messages beyond a burst of 10 were dropped, whichever board sent them: " + limited);
        } finally {
            boards.forEach(BoardClient::close);
        }
    }

    private static HttpResponse<String> create(String forwardedFor) throws Exception {
        return create(node.port(), forwardedFor);
    }

    private static HttpResponse<String> create(int port, String forwardedFor) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms"))
            .header("content-type", "application/json").header("x-forwarded-for", forwardedFor)
            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Flood\",\"name\":\"Bot\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> join(String roomId, String forwardedFor) throws Exception {
        return join(node.port(), roomId, forwardedFor);
    }

    private static HttpResponse<String> join(int port, String roomId, String forwardedFor) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/rooms/" + roomId + "/members"))
            .header("content-type", "application/json").header("x-forwarded-for", forwardedFor)
            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bot\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }
}
