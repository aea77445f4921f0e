package dev.cairn.transport;

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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /metrics} speaks Prometheus and counts what happened on this node: rooms, sockets, commits, refusals. */
class MetricsTest {
    private static CairnNode node;

    @BeforeAll
    static void start() {
        node = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        TestNodes.stopQuietly(node);
    }

    @Test
    void theNodesCountsAreScrapedInPrometheusFormat() throws Exception {
        double commitsBefore = value(scrape(), "cairn_commits_total");
        Api.Reply ana = Api.createRoom(node.port(), "Measured", "Ana");
        try (BoardClient board = BoardClient.connect(node.port(), ana.text("token"))) {
            board.command("room.rename", Map.of("title", "Measured twice"));
            board.command("room.rename", Map.of("title", ""));
            String text = scrape();
            assertTrue(value(text, "cairn_commits_total") >= commitsBefore + 1, "the rename was committed here");
            assertEquals(1.0, value(text, "cairn_sockets"), "one board open");
            assertTrue(value(text, "cairn_rooms_live") >= 1, "its room is live here");
            assertTrue(value(text, "cairn_commands_refused_total") >= 1, "the blank title was refused");
            assertEquals(0.0, value(text, "cairn_redis_down"), "Redis is reachable");
            assertTrue(text.contains("cairn_commit_latency_seconds"), "commit latency is measured");
            assertTrue(text.contains("cairn_fanout_delay_seconds"), "fan-out delay is measured");
            assertTrue(text.contains("vertx_http_server_requests_total"), "and Vert.x's own meters are there");
        }
    }

    /** Each loop's Redis pools are measured apart: with one name for all, Micrometer kept the first loop's and dropped the rest. */
    @Test
    void everyLoopsRedisPoolsAreMeasuredUnderANameOfTheirOwn() throws Exception {
        Matcher m = Pattern.compile("(?m)^vertx_pool_queue_pending\\{[^}]*pool_name=\"([^\"]+)\"[^}]*pool_type=\"redis\"").matcher(scrape());
        java.util.Set<String> names = new java.util.TreeSet<>();
        while (m.find()) names.add(m.group(1));
        assertEquals(2, names.stream().filter(n -> n.startsWith("cairn-") && !n.endsWith("-pubsub") && !n.equals("cairn-secret")).count(), "a command pool per loop: " + names);
        assertEquals(2, names.stream().filter(n -> n.startsWith("cairn-") && n.endsWith("-pubsub")).count(), "a subscriber pool per loop: " + names);
    }

    private static String scrape() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + node.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain"), "Prometheus text format");
        return r.body();
    }

    /** The value of a metric line without labels ({@code name value} or {@code name{...} value}); 0 when absent. */
    private static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
