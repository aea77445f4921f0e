package dev.cairn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.protocol.Wire;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** The few HTTP calls the harness makes to set rooms up. */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {
    }

    public static JsonNode post(int port, String path, Map<String, ?> body) throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Wire.write(body))).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) throw new IllegalStateException(path + " → " + r.statusCode() + " " + r.body());
        return Wire.tree(r.body());
    }

    public static JsonNode createRoom(int port, String title) throws Exception {
        return post(port, "/api/rooms", Map.of("title", title, "name", "Host"));
    }

    public static JsonNode join(int port, String roomId, String name) throws Exception {
        return post(port, "/api/rooms/" + roomId + "/members", Map.of("name", name));
    }
}
