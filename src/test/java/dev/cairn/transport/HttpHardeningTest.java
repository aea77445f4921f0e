package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.CairnNode;
import dev.cairn.protocol.Wire;
import dev.cairn.support.Api;
import dev.cairn.support.TestNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP side refuses what the protocol says is invalid instead of guessing: bodies that are not
 * JSON, fields of the wrong type, request targets that are not paths; and serves pages that a
 * browser revalidates. Every refusal answers in the product's words and logs nothing severe.
 */
class HttpHardeningTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
    void bodiesThatAreNotDeclaredJsonAreRefusedSoOtherSitesCannotPostForAVisitor() throws Exception {
        String json = "{\"title\":\"Drive-by\",\"name\":\"Mallory\"}";
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            HttpResponse<String> r = post("/api/rooms", type, json);
            assertEquals(415, r.statusCode(), type + ": " + r.body());
            assertEquals("unsupported_media_type", Wire.tree(r.body()).path("code").asText(), r.body());
        }
        String boundary = "----cairn";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.txt\"\r\n"
            + "Content-Type: text/plain\r\n\r\nhello\r\n--" + boundary + "--\r\n";
        HttpResponse<String> upload = post("/api/rooms", "multipart/form-data; boundary=" + boundary, multipart);
        assertEquals(415, upload.statusCode(), upload.body());
        assertFalse(Files.exists(Path.of("file-uploads")), "no upload is written to disk");
        assertEquals(201, post("/api/rooms", "application/json; charset=utf-8", json).statusCode(), "JSON is fine");
    }

    @Test
    void fieldsOfTheWrongTypeAreInvalidNotCoerced() throws Exception {
        for (String body : new String[] {"{\"title\":12345,\"name\":\"Ana\"}", "{\"title\":\"Board\",\"name\":true}",
            "{\"title\":[\"x\"],\"name\":\"Ana\"}", "{\"title\":\"Board\",\"name\":{\"first\":\"Ana\"}}"}) {
            HttpResponse<String> r = post("/api/rooms", "application/json", body);
            assertEquals(400, r.statusCode(), body + " → " + r.body());
            JsonNode error = Wire.tree(r.body());
            assertEquals("invalid", error.path("code").asText());
            assertFalse(error.path("message").asText().contains("java"), "the product's words: " + r.body());
        }
        String roomId = Api.createRoom(node.port(), "Board", "Ana").text("roomId");
        for (String body : new String[] {"{\"name\":\"Ben\",\"observer\":\"yes\"}", "{\"name\":\"Ben\",\"observer\":1}",
            "{\"name\":\"Ben\",\"invite\":42}", "{\"name\":7}"}) {
            HttpResponse<String> r = post("/api/rooms/" + roomId + "/members", "application/json", body);
            assertEquals(400, r.statusCode(), body + " → " + r.body());
            assertEquals("invalid", Wire.tree(r.body()).path("code").asText(), r.body());
        }
        assertEquals(201, post("/api/rooms/" + roomId + "/members", "application/json",
            "{\"name\":\"Ben\",\"observer\":true}").statusCode());
    }

    @Test
    void aRequestTargetThatIsNotAPathIsABadRequestAndLogsNothingSevere() throws Exception {
        java.util.List<java.util.logging.LogRecord> severe = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler watch = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) severe.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger("").addHandler(watch);
        try {
            requestTargets();
        } finally {
            java.util.logging.Logger.getLogger("").removeHandler(watch);
        }
        assertEquals(java.util.List.of(), severe.stream().map(java.util.logging.LogRecord::getMessage).toList(),
            "nothing severe logged, by any logger");
    }

    private static void requestTargets() throws Exception {
        for (String target : new String[] {"foo", "*", "http://evil.example/api/rooms", "%2e%2e/etc"}) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 4"), target + " → " + answer.lines().findFirst().orElse(""));
        }
        // the node still serves
        assertEquals(200, HTTP.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.ofString())
            .statusCode());
    }

    @Test
    void pagesAreRevalidatedSoABoardNeverRunsYesterdaysCode() throws Exception {
        for (String path : new String[] {"/", "/r/abcdefghijkl", "/js/room.js", "/css/board.css"}) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), path);
            assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(""), path);
        }
    }

    private static HttpResponse<String> post(String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) b.header("content-type", type);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
