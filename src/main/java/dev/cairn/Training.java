package dev.cairn;

import dev.cairn.config.Settings;
import dev.cairn.config.SettingsLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -XX:ArchiveClassesAtExit=cairn.jsa -jar cairn.jar train}: a training run for an
 * application class-data archive (AppCDS). It starts a node on a free port with a throwaway data
 * folder and its own embedded Redis, serves the board page, a WebSocket and a refused hello once,
 * then stops and exits, so that the archive holds every class a start and a first board load.
 * A node started with {@code -XX:SharedArchiveFile=cairn.jsa} then maps them instead of loading
 * and verifying them one by one. The image builds its archive this way (see the Dockerfile).
 */
final class Training {
    private Training() {
    }

    static void run() throws Exception {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("CAIRN_HTTP_PORT", "0");
        env.put("CAIRN_HTTP_HOST", "127.0.0.1");
        env.put("CAIRN_DATA_DIR", Files.createTempDirectory("cairn-training").toString());
        env.remove("REDIS_URL");
        Settings settings = SettingsLoader.load(env);
        CairnNode node = CairnNode.start(settings, Clock.systemUTC());
        Vertx vertx = Vertx.vertx();
        HttpClient http = vertx.createHttpClient();
        WebSocketClient ws = vertx.createWebSocketClient();
        try {
            http.request(HttpMethod.GET, node.port(), "127.0.0.1", "/")
                .compose(req -> req.send()).compose(res -> res.body())
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/ws"))
                .compose(socket -> {
                    io.vertx.core.Promise<Void> closed = io.vertx.core.Promise.promise();
                    socket.closeHandler(v -> closed.tryComplete());
                    socket.writeTextMessage("{\"type\":\"hello\",\"token\":\"training\"}");
                    return closed.future();
                })
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            ws.close();
            http.close();
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            node.stop();
        }
        System.out.println("training run done");
        System.exit(0);
    }
}
