package dev.cairn.bus;

import dev.cairn.store.RoomKeys;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays room channels from Redis pub/sub to this event loop. Holds one subscriber connection,
 * recreates it with backoff when it drops, re-subscribes, and then tells the listener so it can
 * fetch from the log whatever was published while it was away.
 */
public final class RoomBus {
    private static final Logger LOG = Logger.getLogger(RoomBus.class.getName());

    /** Receives what arrives on subscribed room channels. */
    public interface Listener {
        void onRoomMessage(String roomId, String payload);

        /** Called after a lost subscription is back: messages may have been missed. */
        void onResubscribed();
    }

    private final Vertx vertx;
    private final RedisOptions options;
    private final Listener listener;
    /** Subscribed rooms; changed on the rooms' loop, read when a lost connection is re-made. */
    private final Set<String> rooms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private Redis client;
    private RedisConnection connection;
    private boolean closed;
    private long backoffMs = 100;

    private final RedisAPI publisher;

    /** {@code publisher} is the node's pooled client: a subscribed connection cannot send PUBLISH. */
    public RoomBus(Vertx vertx, RedisOptions options, RedisAPI publisher, Listener listener) {
        this.vertx = vertx;
        this.publisher = publisher;
        this.options = new RedisOptions(options).setMaxPoolSize(1);
        this.listener = listener;
    }

    public Future<Void> start() {
        return connect().mapEmpty();
    }

    public void subscribe(String roomId) {
        if (rooms.add(roomId) && connection != null) send(Command.SUBSCRIBE, roomId);
    }

    public void unsubscribe(String roomId) {
        if (rooms.remove(roomId) && connection != null) send(Command.UNSUBSCRIBE, roomId);
    }

    /** Publishes an ephemeral signal on a room's channel. */
    public void publish(String roomId, String payload) {
        publisher.publish(new RoomKeys(roomId).channel(), payload)
            .onFailure(err -> LOG.log(Level.FINE, "publish failed", err));
    }

    public Future<Void> close() {
        closed = true;
        if (client != null) client.close();
        return Future.succeededFuture();
    }

    private Future<RedisConnection> connect() {
        if (client != null) client.close();
        client = Redis.createClient(vertx, options);
        return client.connect().onSuccess(conn -> {
            connection = conn;
            backoffMs = 100;
            conn.handler(this::onResponse);
            conn.exceptionHandler(err -> lost("failed: " + err.getMessage()));
            conn.endHandler(v -> lost("closed"));
            for (String room : rooms) send(Command.SUBSCRIBE, room);
        });
    }

    /** Subscribe and wait for Redis to confirm; used when a room is first loaded. */
    public Future<Void> subscribeConfirmed(String roomId) {
        rooms.add(roomId);
        if (connection == null) return Future.failedFuture("redis subscription is reconnecting");
        return connection.send(Request.cmd(Command.SUBSCRIBE).arg(new RoomKeys(roomId).channel())).mapEmpty();
    }

    private void send(Command command, String roomId) {
        connection.send(Request.cmd(command).arg(new RoomKeys(roomId).channel()))
            .onFailure(err -> LOG.log(Level.FINE, "pub/sub " + command + " failed", err));
    }

    private void onResponse(Response response) {
        if (response.type() != ResponseType.MULTI && response.type() != ResponseType.PUSH) return;
        if (response.size() != 3 || !"message".equals(response.get(0).toString())) return;
        String roomId = RoomKeys.roomOfChannel(response.get(1).toString());
        if (roomId != null) listener.onRoomMessage(roomId, response.get(2).toString());
    }

    private void lost(String why) {
        if (connection == null || closed) return;
        LOG.warning("redis pub/sub connection " + why + "; reconnecting");
        connection = null;
        retry();
    }

    private void retry() {
        if (closed) return;
        long delay = backoffMs + (long) (Math.random() * backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5000);
        vertx.setTimer(delay, id -> connect()
            .onSuccess(c -> listener.onResubscribed())
            .onFailure(err -> retry()));
    }
}
