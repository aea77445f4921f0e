package dev.cairn.config;

import java.util.List;

/** The node's configuration after the file and the environment have been merged and checked. */
public record Settings(Http http, Redis redis, String dataDir, List<String> allowedOrigins, String secret,
                       int eventLoops, Limits limits, String publicUrl) {

    /**
     * The one address people reach the board at ({@code https://cairn.example.org}), normalised to an
     * origin without a trailing slash; every link the server builds starts with it, and pages asked for
     * under another host are sent there. Empty: links use the address a request came in on.
     */
    public Settings {
        publicUrl = publicUrl == null ? "" : publicUrl.trim().replaceAll("/+$", "");
    }

    public boolean hasPublicUrl() {
        return !publicUrl.isEmpty();
    }

    /**
     * Where the board and the WebSocket are served. {@code trustedProxies}: addresses of reverse
     * proxies whose {@code X-Forwarded-For} names the real client (for the limits per address).
     */
    public record Http(String host, int port, List<String> trustedProxies) {
        public Http {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }

    /**
     * Where Redis is. One of: {@code url} (one Redis), {@code sentinels} with {@code masterName} (the
     * primary the sentinels name, followed through failovers), {@code cluster} (seed nodes of a Redis
     * Cluster). Entries of the lists are {@code host:port} or whole {@code redis://} URLs (with a
     * password). None of them: the node starts an embedded Redis, which holds at most
     * {@code embeddedMaxMemoryMb} of data (then it refuses writes, and nothing is evicted).
     */
    public record Redis(String url, int embeddedMaxMemoryMb, List<String> sentinels, String masterName, List<String> cluster) {
        public Redis {
            sentinels = sentinels == null ? List.of() : List.copyOf(sentinels);
            cluster = cluster == null ? List.of() : List.copyOf(cluster);
            masterName = masterName == null ? "" : masterName.trim();
        }

        public boolean embedded() {
            return (url == null || url.isBlank()) && sentinels.isEmpty() && cluster.isEmpty();
        }

        public boolean sentinel() {
            return !sentinels.isEmpty();
        }

        public boolean clustered() {
            return !cluster.isEmpty();
        }
    }

    /** Protective limits; each one is named in docs/protocol.md. */
    public record Limits(int maxMessageBytes, int commandsPerSecond, int commandBurst, int abuseStrikes,
                         int helloTimeoutSeconds, int idleTimeoutSeconds, int pingIntervalSeconds,
                         int maxMembers, int eventLogSize, int presenceTtlSeconds, int tokenTtlDays,
                         int maxQueuedBytes, int slowReaderSeconds, int roomQueueSize, int redisTimeoutMillis,
                         int pubsubPingMillis, int socketsPerMember, int createsPerMinute, int joinsPerMinute, int retentionDays) {
    }
}
