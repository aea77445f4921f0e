package dev.cairn.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration: file, then environment; a bad value stops start-up with a message naming it. */
class SettingsLoaderTest {

    @Test
    void shippedConfigFileLoadsWithEmbeddedRedisByDefault() {
        Settings s = SettingsLoader.load(Map.of(), Path.of("config/cairn.json"));
        assertEquals(8080, s.http().port());
        assertTrue(s.redis().embedded());
        assertEquals(List.of(), s.allowedOrigins());
    }

    @Test
    void environmentOverridesAnyLeaf() {
        Settings s = SettingsLoader.load(Map.of("CAIRN_HTTP_PORT", "9090", "REDIS_URL", "redis://10.0.0.5:6379",
            "CAIRN_LIMITS_MAX_MESSAGE_BYTES", "2048", "CAIRN_ALLOWED_ORIGINS", "https://a.example, https://b.example"), null);
        assertEquals(9090, s.http().port());
        assertEquals("redis://10.0.0.5:6379", s.redis().url());
        assertEquals(2048, s.limits().maxMessageBytes());
        assertEquals(List.of("https://a.example", "https://b.example"), s.allowedOrigins());
        assertEquals("CAIRN_LIMITS_MAX_MESSAGE_BYTES", SettingsLoader.envName("limits.maxMessageBytes"));
    }

    @Test
    void badValuesNameTheSetting() throws IOException {
        assertMessage("CAIRN_HTTP_PORT", Map.of("CAIRN_HTTP_PORT", "eighty"));
        assertMessage("http.port", Map.of("CAIRN_HTTP_PORT", "70000"));
        assertMessage("redis.url", Map.of("REDIS_URL", "localhost:6379"));
        assertMessage("allowedOrigins", Map.of("CAIRN_ALLOWED_ORIGINS", "evil"));
        assertMessage("limits.pingIntervalSeconds", Map.of("CAIRN_LIMITS_PING_INTERVAL_SECONDS", "60"));
        Path file = Files.createTempFile("cairn", ".json");
        Files.writeString(file, "{\"limits\": {\"maxMesageBytes\": 10}}");
        ConfigException typo = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of(), file));
        assertTrue(typo.getMessage().contains("limits.maxMesageBytes"), typo.getMessage());
        Files.writeString(file, "{\"http\": {\"port\": \"x\"}}");
        ConfigException type = assertThrows(ConfigException.class, () -> SettingsLoader.load(Map.of(), file));
        assertTrue(type.getMessage().contains("port"), type.getMessage());
    }

    @Test
    void sentinelsAndClusterSeedsComeFromTheEnvironmentAndExcludeEachOther() {
        Settings s = SettingsLoader.load(Map.of("CAIRN_REDIS_SENTINELS", "10.0.0.1:26379, redis://:pw@10.0.0.2:26379",
            "CAIRN_REDIS_MASTER_NAME", "cairn"), null);
        assertEquals(List.of("10.0.0.1:26379", "redis://:pw@10.0.0.2:26379"), s.redis().sentinels());
        assertEquals("cairn", s.redis().masterName());
        assertTrue(s.redis().sentinel() && !s.redis().embedded() && !s.redis().clustered());
        Settings c = SettingsLoader.load(Map.of("CAIRN_REDIS_CLUSTER", "10.0.0.1:7000,10.0.0.2:7000"), null);
        assertEquals(List.of("10.0.0.1:7000", "10.0.0.2:7000"), c.redis().cluster());
        assertTrue(c.redis().clustered() && !c.redis().embedded());

        assertMessage("redis.masterName", Map.of("CAIRN_REDIS_SENTINELS", "10.0.0.1:26379"));
        assertMessage("redis.masterName", Map.of("CAIRN_REDIS_MASTER_NAME", "cairn"));
        assertMessage("redis.sentinels", Map.of("CAIRN_REDIS_SENTINELS", "10.0.0.1", "CAIRN_REDIS_MASTER_NAME", "cairn"));
        assertMessage("redis.cluster", Map.of("CAIRN_REDIS_CLUSTER", "http://10.0.0.1:7000"));
        assertMessage("only one of", Map.of("REDIS_URL", "redis://10.0.0.5:6379", "CAIRN_REDIS_CLUSTER", "10.0.0.1:7000"));
    }

    @Test
    void thePublicAddressComesFromCairnPublicUrlAsAnOriginWithoutTrailingSlash() {
        assertEquals("", SettingsLoader.load(Map.of(), null).publicUrl());
        Settings s = SettingsLoader.load(Map.of("CAIRN_PUBLIC_URL", "https://cairn.example.org/"), null);
        assertEquals("https://cairn.example.org", s.publicUrl());
        assertTrue(s.hasPublicUrl());
        assertMessage("publicUrl", Map.of("CAIRN_PUBLIC_URL", "cairn.example.org"));
        assertMessage("publicUrl", Map.of("CAIRN_PUBLIC_URL", "https://cairn.example.org/board"));
    }

    private static void assertMessage(String expected, Map<String, String> env) {
        ConfigException e = assertThrows(ConfigException.class, () -> SettingsLoader.load(env, null));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
