package dev.cairn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Blocking calls to a node's HTTP API, as the landing page makes them. */
public final class Api {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A status code and its JSON body. */
    public record Reply(int status, JsonNode body) {
        public String text(String field) {
            return body.path(field).asText(null);
        }
    }

    private Api() {
    }

    public static Reply post(int port, String path, Object body) {
        return send(HttpRequest.newBuilder(uri(port, path)).header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : Wire.write(body))).build());
    }

    public static Reply get(int port, String path) {
        return send(HttpRequest.newBuilder(uri(port, path)).GET().build());
    }

    /** A GET with a member token as Bearer. */
    public static Reply getWithToken(int port, String path, String token) {
        return send(HttpRequest.newBuilder(uri(port, path)).header("authorization", "Bearer " + token).GET().build());
    }

    /** Creates a room and returns the creator's membership (facilitator). */
    public static Reply createRoom(int port, String title, String name) {
        Reply reply = post(port, "/api/rooms", Map.of("title", title, "name", name));
        if (reply.status() != 201) throw new AssertionError("create failed: " + reply);
        return reply;
    }

    public static Reply join(int port, String roomId, String name) {
        Reply reply = post(port, "/api/rooms/" + roomId + "/members", Map.of("name", name));
        if (reply.status() != 201) throw new AssertionError("join failed: " + reply);
        return reply;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body.isEmpty() ? Wire.MAPPER.nullNode() : Wire.tree(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
