package dev.cairn.transport;

import dev.cairn.auth.Ids;
import dev.cairn.auth.TokenSigner;
import dev.cairn.bus.RoomBus;
import dev.cairn.config.Settings;
import dev.cairn.presence.PresenceTracker;
import dev.cairn.protocol.Wire;
import dev.cairn.room.RoomRules;
import dev.cairn.store.RedisRoomStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.LeanWebSocketUpgrade;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's share of a node: an HTTP server (board, API, WebSocket) on the shared port, its
 * own Redis connections and pub/sub subscription, the rooms it owns and the sockets it accepted.
 */
public final class RoomServer extends VerticleBase {
    public static final String SOCKET_PATH = "/ws";
    /** How long shutdown waits for the 1001 closes to reach the boards. */
    private static final long CLOSE_WAIT_MS = 3000;
    private static final long DUE_SCAN_MS = 1000;
    /** Rooms nobody opened for limits.retentionDays are let go soon after a node starts, then hourly. */
    private static final long RETENTION_FIRST_SWEEP_MS = 2000;
    private static final long RETENTION_SWEEP_MS = 3_600_000;
    private static final long LEAVE_GRACE_MS = 200;

    private final Settings settings;
    private final String secret;
    private final RedisOptions redisOptions;
    private final Clock clock;
    private final RoomAffinity affinity;
    private final AddressLimits addressLimits;
    private final Metrics metrics;
    private final io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry;
    private Redis redis;
    private HttpServer server;
    private LiveRooms rooms;
    private RoomBus bus;
    private long connectionCounter;
    /** Set when shutdown begins: new sockets are refused while the open ones are closed with 1001. */
    private volatile boolean stopping;

    public RoomServer(Settings settings, String secret, RedisOptions redisOptions, Clock clock, RoomAffinity affinity,
                      AddressLimits addressLimits, io.micrometer.prometheusmetrics.PrometheusMeterRegistry registry,
                      Metrics metrics) {
        this.addressLimits = addressLimits;
        this.registry = registry;
        this.metrics = metrics;
        this.affinity = affinity;
        this.settings = settings;
        this.secret = secret;
        this.redisOptions = redisOptions;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        String nodeId = Ids.random(8);
        // Each loop's pools carry its id in their metrics (vertx_pool_*{pool_name=...}): two with one name would be counted as one.
        redis = Redis.createClient(vertx, new RedisOptions(redisOptions).setPoolName("cairn-" + nodeId));
        RedisAPI api = RedisAPI.api(redis);
        rooms = new LiveRooms();
        Settings.Limits limits = settings.limits();
        bus = new RoomBus(vertx, new RedisOptions(redisOptions).setPoolName("cairn-" + nodeId + "-pubsub"), api, rooms, limits.pubsubPingMillis());
        Loop loop = Loop.current(context);
        boolean cluster = redisOptions.getType() == io.vertx.redis.client.RedisClientType.CLUSTER;
        Node node = new Node(nodeId, vertx, loop, settings, clock, new TokenSigner(secret),
            new RoomRules(limits.maxMembers()), new RedisRoomStore(api, nodeId, limits.redisTimeoutMillis(), cluster), bus,
            new PresenceTracker(api, limits.presenceTtlSeconds(), clock, limits.redisTimeoutMillis(), cluster),
            new StorageHealth(vertx, api, limits.redisTimeoutMillis()), metrics);
        rooms.bind(node);

        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.put(HttpApi.LOOP, Loop.current(io.vertx.core.Vertx.currentContext()));
            ctx.response()
                .putHeader("x-content-type-options", "nosniff")
                .putHeader("referrer-policy", "no-referrer")
                .putHeader("content-security-policy", "default-src 'self'; connect-src 'self'; "
                    + "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            ctx.next();
        });
        new HttpApi(node, affinity, addressLimits, () -> api.ping(List.of()).timeout(limits.redisTimeoutMillis(), TimeUnit.MILLISECONDS)
            .map(r -> true).otherwise(false)).mount(router);
        router.get("/metrics").handler(io.vertx.micrometer.PrometheusScrapingHandler.create(registry));
        if (settings.hasPublicUrl()) {
            PublicAddress publicAddress = new PublicAddress(settings.publicUrl());
            for (String page : List.of("/", "/index.html", "/room.html", "/r/:id")) router.get(page).handler(publicAddress::redirect);
        }
        router.get("/r/:id").handler(ctx -> ctx.reroute("/room.html"));
        // Pages and scripts are revalidated on every load, so a board never runs code older than its server.
        router.route().handler(ctx -> {
            ctx.response().putHeader("cache-control", "no-cache");
            ctx.next();
        });
        router.route().handler(StaticHandler.create("webroot").setCachingEnabled(false).setIndexPage("index.html"));

        HttpServerOptions options = new HttpServerOptions()
            .setMaxWebSocketFrameSize(limits.maxMessageBytes())
            .setMaxWebSocketMessageSize(limits.maxMessageBytes())
            .setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false)
            .setCompressionSupported(true);
        server = vertx.createHttpServer(options)
            .requestHandler(request -> {
                // A request target that is not a path (`GET foo`, `OPTIONS *`) has no route: answer it here.
                String path = request.path();
                if (path == null || !path.startsWith("/")) {
                    request.response().setStatusCode(400).putHeader("content-type", "application/json; charset=utf-8")
                        .end(Wire.write(java.util.Map.of("code", "invalid", "message", "the request target must be a path")));
                } else if (request.headers().contains("upgrade", "websocket", true)) {
                    upgrade(request, node, limits);
                } else {
                    router.handle(request);
                }
            });
        vertx.setPeriodic(limits.pingIntervalSeconds() * 1000L, id -> rooms.heartbeat());
        vertx.setPeriodic(Math.max(1000, limits.presenceTtlSeconds() * 1000L / 3), id -> rooms.tend());
        node.health().start(loop, up -> {
            metrics.storage(up);
            rooms.storageChanged(up);
        });
        affinity.register(rooms);
        if (affinity.first(rooms)) {
            vertx.setPeriodic(DUE_SCAN_MS, id -> rooms.fireDue(affinity));
            vertx.setPeriodic(60_000, id -> addressLimits.forgetIdle(clock.millis()));
            RoomRetention retention = new RoomRetention(node);
            vertx.setTimer(RETENTION_FIRST_SWEEP_MS, id -> retention.sweep());
            vertx.setPeriodic(RETENTION_SWEEP_MS, id -> retention.sweep());
        }

        // Listen only once every loop has registered, so no room changes owner while sockets arrive.
        Promise<Void> listening = Promise.promise();
        affinity.ready().onComplete(all -> context.runOnContext(v -> bus.start()
            .compose(x -> server.listen(settings.http().port(), settings.http().host()))
            .<Void>mapEmpty()
            .onComplete(listening)));
        return listening.future();
    }

    /**
     * Only the socket path upgrades, and only from an allowed Origin (browsers always send one).
     * The socket is served by a {@link BoardSocket} on this loop, not by Vert.x's WebSocket.
     */
    private void upgrade(HttpServerRequest request, Node node, Settings.Limits limits) {
        int refused = stopping ? 503
            : !SOCKET_PATH.equals(request.path()) ? 404
            : request.headers().get("origin") != null && !originAllowed(request.headers().get("origin"), request.headers().get("host")) ? 403
            : 0;
        if (refused != 0) {
            request.response().setStatusCode(refused).end();
            return;
        }
        BoardSocket[] socket = new BoardSocket[1];
        LeanWebSocketUpgrade.upgrade(request, installed -> socket[0] = new BoardSocket(limits.maxMessageBytes(), installed))
            .onSuccess(channel -> {
                socket[0].ready();
                Connection connection = new Connection(socket[0], node, rooms, affinity, node.nodeId() + "-" + (++connectionCounter));
                rooms.track(connection);
                connection.start();
            });
    }

    private boolean originAllowed(String origin, String host) {
        if (!settings.allowedOrigins().isEmpty()) return settings.allowedOrigins().contains(origin);
        return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
    }

    /** Stops taking sockets, closes this loop's sockets with 1001 and waits (briefly) for the closes to go out. */
    @Override
    public Future<?> stop() {
        stopping = true;
        Future<Void> closing = rooms == null ? Future.succeededFuture()
            : rooms.closeAll().timeout(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS).otherwiseEmpty()
                // The closed sockets leave their rooms on the rooms' loops, which writes their
                // presence to Redis: give those writes a moment before the Redis client goes.
                .compose(v -> vertx.timer(LEAVE_GRACE_MS).<Void>mapEmpty());
        return closing
            .eventually(() -> server == null ? Future.succeededFuture() : server.close())
            .eventually(() -> bus.close())
            .eventually(() -> redis.close());
    }
}
