package dev.cairn.bus;

import dev.cairn.store.RoomKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Relays room channels from Redis pub/sub to this event loop. Holds one subscriber connection
 * (RESP3, so messages arrive as pushes and a PING gets its own answer), pings it so a half-open
 * connection is noticed, recreates it with backoff when it drops, re-subscribes, and then tells
 * the listener so it can fetch from the archive whatever was published while it was away.
 * Everything here runs on the one event loop that created it.
 * <p>
 * On a Redis Cluster the channels are sharded ({@code SSUBSCRIBE}, {@code SPUBLISH}): each room's
 * channel carries its hash tag, so it lives on the shard that holds the room, and the commit script
 * may publish on it. The client's cluster connection holds one socket per node and sends each
 * {@code SSUBSCRIBE} to the node that owns the channel's slot by the map it read when connecting;
 * it does not follow a redirect for a subscribe (its answer comes later, as a push). When a slot
 * moves (a resharding, a failover), Redis ends the subscriptions of that slot with a
 * {@code sunsubscribe} push or answers {@code MOVED}: the bus then connects afresh, with a new map,
 * and resubscribes every room, as after any lost connection. A PING goes to one node picked at
 * random, so a half-open socket to one shard is noticed within a few pings, not at the next one;
 * a closed one at once.
 */
public final class RoomBus {
    private static final Logger LOG = Logger.getLogger(RoomBus.class.getName());

    /** Receives what arrives on subscribed room channels. */
    public interface Listener {
        void onRoomMessage(String roomId, String payload);

        /** Called after a lost subscription is back and confirmed: messages may have been missed. */
        void onResubscribed();
    }

    private final Vertx vertx;
    private final RedisOptions options;
    private final Listener listener;
    private final RedisAPI publisher;
    private final long pingMs;
    /** Redis Cluster: sharded channels. */
    private final boolean sharded;
    private final Set<String> rooms = new HashSet<>();
    /** Cluster: channels this bus unsubscribed and whose confirmation has not come yet (count per channel). */
    private final Map<String, Integer> leaving = new HashMap<>();
    /** Subscriptions sent and not confirmed yet, by channel. */
    private final Map<String, List<Promise<Void>>> confirming = new HashMap<>();
    private Redis client;
    private RedisConnection connection;
    private boolean closed;
    private long backoffMs = 100;
    private long pingTimer = -1;
    private boolean awaitingPong;

    /** {@code publisher} is the loop's pooled client: a subscribed connection cannot send PUBLISH. */
    public RoomBus(Vertx vertx, RedisOptions options, RedisAPI publisher, Listener listener, long pingMs) {
        this.vertx = vertx;
        this.publisher = publisher;
        this.sharded = options.getType() == RedisClientType.CLUSTER;
        // A cluster client reads the slot map again every second through a pooled connection to a
        // seed node, while the subscriber holds one to every node: with one per node it would wait
        // for ever for its own connection, so every command after the first second would hang.
        this.options = new RedisOptions(options).setMaxPoolSize(sharded ? 2 : 1).setPreferredProtocolVersion(ProtocolVersion.RESP3);
        this.listener = listener;
        this.pingMs = pingMs;
    }

    public Future<Void> start() {
        pingTimer = vertx.setPeriodic(pingMs, id -> ping());
        return connect().mapEmpty();
    }

    /**
     * Subscribes to a room's channel; the future completes when Redis has confirmed it, so that
     * whatever is published from then on arrives here. While the connection is being re-made it
     * completes on the confirmation of the re-subscribe.
     */
    public Future<Void> subscribe(String roomId) {
        String channel = new RoomKeys(roomId).channel();
        Promise<Void> confirmed = Promise.promise();
        confirming.computeIfAbsent(channel, c -> new ArrayList<>()).add(confirmed);
        boolean fresh = rooms.add(roomId);
        if (connection != null && (fresh || confirming.get(channel).size() == 1)) send(subscribeCommand(), channel);
        return confirmed.future();
    }

    public void unsubscribe(String roomId) {
        if (rooms.remove(roomId) && connection != null) {
            String channel = new RoomKeys(roomId).channel();
            if (sharded) {
                leaving.merge(channel, 1, Integer::sum);
                send(Command.SUNSUBSCRIBE, channel);
            } else {
                send(Command.UNSUBSCRIBE, channel);
            }
        }
    }

    /** Publishes an ephemeral signal on a room's channel. */
    public void publish(String roomId, String payload) {
        String channel = new RoomKeys(roomId).channel();
        (sharded ? publisher.spublish(channel, payload) : publisher.publish(channel, payload))
            .onFailure(err -> LOG.log(Level.FINE, "publish failed", err));
    }

    private Command subscribeCommand() {
        return sharded ? Command.SSUBSCRIBE : Command.SUBSCRIBE;
    }

    public Future<Void> close() {
        closed = true;
        vertx.cancelTimer(pingTimer);
        failConfirmations("the node is shutting down");
        if (client != null) client.close();
        return Future.succeededFuture();
    }

    private Future<RedisConnection> connect() {
        if (client != null) client.close();
        client = Redis.createClient(vertx, options);
        return client.connect().onSuccess(conn -> {
            connection = conn;
            backoffMs = 100;
            leaving.clear();
            conn.handler(response -> onResponse(conn, response));
            conn.exceptionHandler(err -> lost(conn, "failed: " + err.getMessage()));
            conn.endHandler(v -> lost(conn, "closed"));
            for (String room : rooms) send(subscribeCommand(), new RoomKeys(room).channel());
        });
    }

    private void send(Command command, String channel) {
        connection.send(Request.cmd(command).arg(channel))
            .onFailure(err -> LOG.log(Level.FINE, "pub/sub " + command + " failed", err));
    }

    private void onResponse(RedisConnection conn, Response response) {
        if (response.type() == ResponseType.SIMPLE && "PONG".equalsIgnoreCase(response.toString())) {
            awaitingPong = false;
            return;
        }
        if (sharded && response.type() == ResponseType.ERROR) {
            // A subscribe sent to a node that no longer owns the slot (MOVED): read the map again.
            lost(conn, "was redirected (" + response + ")");
            return;
        }
        if (response.type() != ResponseType.PUSH && response.type() != ResponseType.MULTI || response.size() < 2) return;
        String kind = response.get(0).toString();
        if ((kind.equals("message") || kind.equals("smessage")) && response.size() == 3) {
            String roomId = RoomKeys.roomOfChannel(response.get(1).toString());
            if (roomId != null) listener.onRoomMessage(roomId, response.get(2).toString());
        } else if (kind.equals("subscribe") || kind.equals("ssubscribe")) {
            List<Promise<Void>> waiting = confirming.remove(response.get(1).toString());
            if (waiting != null) waiting.forEach(Promise::tryComplete);
        } else if (kind.equals("sunsubscribe")) {
            String channel = response.get(1).toString();
            Integer mine = leaving.get(channel);
            if (mine != null) {
                if (mine <= 1) leaving.remove(channel); else leaving.put(channel, mine - 1);
            } else {
                String roomId = RoomKeys.roomOfChannel(channel);
                if (roomId != null && rooms.contains(roomId)) lost(conn, "lost the channel of room " + roomId + " (its slot moved)");
            }
        }
    }

    /**
     * A subscriber that has not answered the previous PING by the next one is treated as lost, even
     * if TCP says it is open (a half-open connection). The answer may reach the message handler
     * rather than the PING's own future (the client hands a PING's place in its queue to a push
     * that arrives first), so either counts.
     */
    private void ping() {
        RedisConnection conn = connection;
        if (conn == null || closed) return;
        if (awaitingPong) {
            lost(conn, "did not answer a ping within " + pingMs + " ms");
            return;
        }
        awaitingPong = true;
        conn.send(Request.cmd(Command.PING)).onSuccess(r -> {
            if (connection == conn) awaitingPong = false;
        });
    }

    /** The connection is gone or useless; the next connect closes the old client and its socket. */
    private void lost(RedisConnection conn, String why) {
        if (connection != conn || closed) return;
        LOG.warning("redis pub/sub connection " + why + "; reconnecting");
        connection = null;
        awaitingPong = false;
        retry();
    }

    private void retry() {
        if (closed) return;
        long delay = backoffMs + (long) (Math.random() * backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5000);
        vertx.setTimer(delay, id -> connect()
            .onSuccess(c -> whenConfirmed(listener::onResubscribed))
            .onFailure(err -> retry()));
    }

    /** Runs {@code task} once every subscription sent so far is confirmed (at once if none is pending). */
    private void whenConfirmed(Runnable task) {
        List<Future<Void>> pending = new ArrayList<>();
        for (String room : rooms) {
            String channel = new RoomKeys(room).channel();
            Promise<Void> p = Promise.promise();
            confirming.computeIfAbsent(channel, c -> new ArrayList<>()).add(p);
            pending.add(p.future());
        }
        Future.all(pending).timeout(pingMs * 2, TimeUnit.MILLISECONDS).onComplete(done -> {
            if (!closed) task.run();
        });
    }

    private void failConfirmations(String why) {
        for (List<Promise<Void>> waiting : confirming.values()) waiting.forEach(p -> p.tryFail(why));
        confirming.clear();
    }
}
