package dev.cairn;

import dev.cairn.auth.Ids;
import dev.cairn.config.Settings;
import dev.cairn.store.EmbeddedRedis;
import dev.cairn.transport.AddressLimits;
import dev.cairn.transport.Metrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import dev.cairn.transport.RoomAffinity;
import dev.cairn.transport.RoomServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisReplicas;
import io.vertx.redis.client.RedisRole;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Cairn server process: the embedded Redis when none is configured, the shared signing
 * secret, and one {@link RoomServer} per event loop on the HTTP port.
 */
public final class CairnNode {
    private static final Logger LOG = Logger.getLogger("cairn");
    private static final String SECRET_KEY = "cairn:secret";

    private final Vertx vertx;
    private final EmbeddedRedis embedded;
    private final int port;
    private final List<Throwable> unhandled;

    private CairnNode(Vertx vertx, EmbeddedRedis embedded, int port, List<Throwable> unhandled) {
        this.vertx = vertx;
        this.embedded = embedded;
        this.port = port;
        this.unhandled = unhandled;
    }

    /** Every exception a handler of this node let escape (each is also logged with its stack); tests require none. */
    public List<Throwable> unhandledExceptions() {
        return List.copyOf(unhandled);
    }

    /** Starts a node and waits until its port accepts connections. */
    public static CairnNode start(Settings settings, Clock clock) throws Exception {
        long begin = System.nanoTime();
        // The embedded Redis starts on a thread of its own while this one builds Vert.x: a cold
        // start waits for the longer of the two, not for both.
        java.util.concurrent.CompletableFuture<EmbeddedRedis> starting = settings.redis().embedded()
            ? java.util.concurrent.CompletableFuture.supplyAsync(() -> EmbeddedRedis.start(
                Path.of(settings.dataDir(), "redis"), settings.redis().embeddedMaxMemoryMb()), CairnNode::startThread)
            : null;
        int loops = settings.eventLoops() > 0 ? settings.eventLoops() : Runtime.getRuntime().availableProcessors();
        // One registry per node (tests run several in one JVM): Vert.x's own meters and Cairn's, on /metrics.
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
            .with(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
        EmbeddedRedis embedded = null;
        String url = settings.redis().url();
        if (starting != null) {
            try {
                embedded = starting.join();
            } catch (java.util.concurrent.CompletionException e) {
                vertx.close();
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            url = embedded.url();
            LOG.info("redis: embedded server on " + embedded.address() + " (password in " + EmbeddedRedis.PASSWORD_FILE
                + "), append-only data in " + Path.of(settings.dataDir(), "redis").toAbsolutePath()
                + " (ready " + (System.nanoTime() - begin) / 1_000_000 + " ms after the node began)");
        } else if (settings.redis().sentinel()) {
            LOG.info("redis: the primary '" + settings.redis().masterName() + "' named by the sentinels "
                + redacted(String.join(", ", settings.redis().sentinels())));
        } else if (settings.redis().clustered()) {
            LOG.info("redis: a cluster, seed nodes " + redacted(String.join(", ", settings.redis().cluster())));
        } else {
            LOG.info("redis: using " + redacted(url));
        }
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        vertx.exceptionHandler(err -> {
            unhandled.add(err);
            LOG.log(Level.SEVERE, "unhandled exception on " + Thread.currentThread().getName(), err);
        });
        try {
            RedisOptions redisOptions = redisOptions(settings.redis(), url)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2)
                .setMaxPoolSize(8).setMaxPoolWaiting(10_000).setMaxWaitingHandlers(100_000);
            String secret = secret(vertx, redisOptions, settings).toCompletionStage().toCompletableFuture()
                .get(15, TimeUnit.SECONDS);
            int port = settings.http().port() == 0 ? EmbeddedRedis.freePort() : settings.http().port();
            Settings bound = new Settings(new Settings.Http(settings.http().host(), port, settings.http().trustedProxies()), settings.redis(),
                settings.dataDir(), settings.allowedOrigins(), settings.secret(), loops, settings.limits(), settings.publicUrl());
            RoomAffinity affinity = new RoomAffinity(loops);
            AddressLimits addressLimits = new AddressLimits(settings.http().trustedProxies());
            Metrics metrics = new Metrics(registry, affinity::connectionCount);
            vertx.deployVerticle(() -> new RoomServer(bound, secret, redisOptions, clock, affinity, addressLimits, registry, metrics),
                    new DeploymentOptions().setInstances(loops))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            LOG.info("http: listening on " + settings.http().host() + ":" + port + " with " + loops + " event loops"
                + " (" + (System.nanoTime() - begin) / 1_000_000 + " ms after the node began)");
            return new CairnNode(vertx, embedded, port, unhandled);
        } catch (Exception e) {
            vertx.close();
            if (embedded != null) embedded.close();
            throw e;
        }
    }

    private static void startThread(Runnable task) {
        Thread thread = new Thread(task, "cairn-embedded-redis-start");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The options every Redis client of the node is made from (the pooled command clients, the
     * pub/sub connections, the secret loader). With sentinels, each new connection goes to the primary
     * they name at that moment (the client asks them again at most a second later), so a node
     * follows a failover as its old connections break. The client's own auto-failover stays off: it
     * swaps a connection's socket without its handlers, which would silently drop a subscription.
     */
    static RedisOptions redisOptions(Settings.Redis redis, String url) {
        if (redis.sentinel()) {
            RedisOptions options = new RedisOptions().setType(RedisClientType.SENTINEL).setRole(RedisRole.MASTER)
                .setMasterName(redis.masterName()).setAutoFailover(false);
            for (String sentinel : redis.sentinels()) options.addConnectionString(endpointUrl(sentinel));
            return options;
        }
        if (redis.clustered()) {
            RedisOptions options = new RedisOptions().setType(RedisClientType.CLUSTER).setUseReplicas(RedisReplicas.NEVER);
            for (String seed : redis.cluster()) options.addConnectionString(endpointUrl(seed));
            return options;
        }
        return new RedisOptions().setConnectionString(url);
    }

    private static String endpointUrl(String entry) {
        return entry.contains("://") ? entry : "redis://" + entry;
    }

    /** The configured secret, or the deployment's shared one, created in Redis by the first node. */
    private static Future<String> secret(Vertx vertx, RedisOptions options, Settings settings) {
        if (settings.secret() != null && !settings.secret().isEmpty()) return Future.succeededFuture(settings.secret());
        Redis client = Redis.createClient(vertx, new RedisOptions(options).setPoolName("cairn-secret"));
        RedisAPI api = RedisAPI.api(client);
        return api.set(List.of(SECRET_KEY, Ids.random(48), "NX"))
            .compose(r -> api.get(SECRET_KEY))
            .map(r -> r.toString())
            .eventually(client::close);
    }

    private static String redacted(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port + "/";
    }

    /** Closes every socket with 1001, stops the servers, then the embedded Redis. */
    public void stop() throws Exception {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            if (embedded != null) embedded.close();
        }
    }
}
