package dev.cairn.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the JSON configuration file, lets environment variables override any leaf
 * ({@code limits.maxMessageBytes} becomes {@code CAIRN_LIMITS_MAX_MESSAGE_BYTES}; {@code REDIS_URL}
 * also sets {@code redis.url}; lists are comma-separated, {@code CAIRN_REDIS_SENTINELS=a:26379,b:26379}),
 * and checks every value before the node starts.
 */
public final class SettingsLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private SettingsLoader() {
    }

    /** The file named by {@code CAIRN_CONFIG}, else {@code config/cairn.json}, else the built-in defaults. */
    public static Settings load(Map<String, String> env) {
        String named = env.get("CAIRN_CONFIG");
        Path file = Path.of(named != null ? named : "config/cairn.json");
        if (named != null && !Files.exists(file)) throw new ConfigException("CAIRN_CONFIG: no file at " + file);
        return load(env, Files.exists(file) ? file : null);
    }

    public static Settings load(Map<String, String> env, Path file) {
        ObjectNode tree = defaults();
        if (file != null) merge(tree, readFile(file), "");
        applyEnvironment(tree, "", env);
        String redisUrl = env.get("REDIS_URL");
        if (redisUrl != null) ((ObjectNode) tree.get("redis")).put("url", redisUrl);
        Settings settings;
        try {
            settings = MAPPER.treeToValue(tree, Settings.class);
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> a + "." + b).orElse("configuration");
            throw new ConfigException(key + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("configuration: " + e.getMessage());
        }
        return check(settings);
    }

    /** The defaults, also shipped as config/cairn.json. */
    static ObjectNode defaults() {
        try (var in = SettingsLoader.class.getResourceAsStream("/cairn-defaults.json")) {
            return (ObjectNode) MAPPER.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("built-in defaults are missing", e);
        }
    }

    private static JsonNode readFile(Path file) {
        try {
            JsonNode node = MAPPER.readTree(file.toFile());
            if (!(node instanceof ObjectNode)) throw new ConfigException(file + ": must hold a JSON object");
            return node;
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void merge(ObjectNode target, JsonNode source, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = path + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) throw new ConfigException(key + ": unknown setting");
            if (existing instanceof ObjectNode obj && field.getValue() instanceof ObjectNode) {
                merge(obj, field.getValue(), key + ".");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void applyEnvironment(ObjectNode node, String path, Map<String, String> env) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = path + field.getKey();
            if (field.getValue() instanceof ObjectNode obj) {
                applyEnvironment(obj, key + ".", env);
                continue;
            }
            String name = envName(key);
            String value = env.get(name);
            if (value == null) continue;
            field.setValue(parse(name, value, field.getValue()));
        }
    }

    /** {@code limits.maxMessageBytes} → {@code CAIRN_LIMITS_MAX_MESSAGE_BYTES}. */
    public static String envName(String key) {
        return "CAIRN_" + key.replace(".", "_").replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private static JsonNode parse(String name, String value, JsonNode current) {
        if (current.isInt() || current.isNumber()) {
            try {
                return MAPPER.getNodeFactory().numberNode(Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(name + ": expected a whole number, got '" + value + "'");
            }
        }
        if (current.isArray()) {
            ArrayNode array = MAPPER.createArrayNode();
            for (String part : value.split(",")) {
                if (!part.isBlank()) array.add(part.trim());
            }
            return array;
        }
        return MAPPER.getNodeFactory().textNode(value);
    }

    private static Settings check(Settings s) {
        range("http.port", s.http().port(), 0, 65535);
        if (s.http().host() == null || s.http().host().isBlank()) throw new ConfigException("http.host: must not be empty");
        checkRedis(s.redis());
        if (s.dataDir() == null || s.dataDir().isBlank()) throw new ConfigException("dataDir: must not be empty");
        for (String origin : s.allowedOrigins()) {
            if (!origin.matches("https?://[^/\\s]+")) {
                throw new ConfigException("allowedOrigins: '" + origin + "' is not an origin like https://board.example.org");
            }
        }
        if (s.hasPublicUrl() && !s.publicUrl().matches("https?://[^/\\s?#@]+")) {
            throw new ConfigException("publicUrl: '" + s.publicUrl() + "' is not an address like https://cairn.example.org "
                + "(scheme, host and port only)");
        }
        if (s.secret() != null && !s.secret().isEmpty() && s.secret().length() < 32) {
            throw new ConfigException("secret: must be at least 32 characters when set");
        }
        range("eventLoops", s.eventLoops(), 0, 256);
        Settings.Limits l = s.limits();
        range("limits.maxMessageBytes", l.maxMessageBytes(), 1024, 16 * 1024 * 1024);
        range("limits.commandsPerSecond", l.commandsPerSecond(), 1, 100_000);
        range("limits.commandBurst", l.commandBurst(), 1, 100_000);
        range("limits.abuseStrikes", l.abuseStrikes(), 1, 100_000);
        range("limits.helloTimeoutSeconds", l.helloTimeoutSeconds(), 1, 3600);
        range("limits.idleTimeoutSeconds", l.idleTimeoutSeconds(), 5, 3600);
        range("limits.pingIntervalSeconds", l.pingIntervalSeconds(), 1, 3600);
        if (l.pingIntervalSeconds() >= l.idleTimeoutSeconds()) {
            throw new ConfigException("limits.pingIntervalSeconds: must be shorter than limits.idleTimeoutSeconds");
        }
        range("limits.maxMembers", l.maxMembers(), 1, 1_000_000);
        range("limits.eventLogSize", l.eventLogSize(), 100, 10_000_000);
        range("limits.presenceTtlSeconds", l.presenceTtlSeconds(), 3, 3600);
        range("limits.tokenTtlDays", l.tokenTtlDays(), 1, 3650);
        range("limits.maxQueuedBytes", l.maxQueuedBytes(), 64 * 1024, 1024 * 1024 * 1024);
        range("limits.slowReaderSeconds", l.slowReaderSeconds(), 1, 3600);
        range("limits.roomQueueSize", l.roomQueueSize(), 10, 1_000_000);
        range("limits.redisTimeoutMillis", l.redisTimeoutMillis(), 100, 600_000);
        range("limits.retentionDays", l.retentionDays(), 0, 36_500);
        range("redis.embeddedMaxMemoryMb", s.redis().embeddedMaxMemoryMb(), 4, 1_048_576);
        range("limits.pubsubPingMillis", l.pubsubPingMillis(), 100, 600_000);
        range("limits.socketsPerMember", l.socketsPerMember(), 1, 10_000);
        range("limits.createsPerMinute", l.createsPerMinute(), 1, 1_000_000);
        range("limits.joinsPerMinute", l.joinsPerMinute(), 1, 1_000_000);
        for (String proxy : s.http().trustedProxies()) {
            if (!proxy.matches("[0-9a-fA-F:.]+")) {
                throw new ConfigException("http.trustedProxies: '" + proxy + "' is not an IP address");
            }
        }
        return s;
    }

    /** Exactly one way to reach Redis (or none: embedded), each with well-formed addresses. */
    private static void checkRedis(Settings.Redis r) {
        boolean url = r.url() != null && !r.url().isBlank();
        int ways = (url ? 1 : 0) + (r.sentinel() ? 1 : 0) + (r.clustered() ? 1 : 0);
        if (ways > 1) {
            throw new ConfigException("redis: set only one of redis.url, redis.sentinels and redis.cluster");
        }
        if (url && !r.url().matches("(redis|rediss|unix)://.*")) {
            throw new ConfigException("redis.url: must start with redis://, rediss:// or unix://, got '" + r.url() + "'");
        }
        if (r.sentinel() && r.masterName().isEmpty()) {
            throw new ConfigException("redis.masterName: must name the primary the sentinels watch (their 'sentinel monitor' name)");
        }
        if (!r.sentinel() && !r.masterName().isEmpty()) {
            throw new ConfigException("redis.masterName: only used with redis.sentinels");
        }
        for (String entry : r.sentinels()) endpoint("redis.sentinels", entry);
        for (String entry : r.cluster()) endpoint("redis.cluster", entry);
    }

    private static void endpoint(String key, String entry) {
        if (!entry.matches("(rediss?://([^@/\\s]*@)?)?[^:/@\\s]+:[0-9]{1,5}")) {
            throw new ConfigException(key + ": '" + entry + "' is not host:port or redis://[user:password@]host:port");
        }
    }

    private static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
