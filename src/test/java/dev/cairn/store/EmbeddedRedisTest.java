package dev.cairn.store;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded Redis keeps the deployment's secret and every room: it answers nobody without the
 * data folder's password, and its files are its owner's only; the password outlives a restart.
 */
class EmbeddedRedisTest {

    @Test
    void itAnswersOnlyWithTheDataFoldersPasswordAndKeepsItsFilesPrivate() throws Exception {
        Path dir = Files.createTempDirectory("cairn-embedded").resolve("redis");
        String firstUrl;
        try (EmbeddedRedis redis = EmbeddedRedis.start(dir)) {
            firstUrl = redis.url();
            URI uri = URI.create(redis.url());
            String password = uri.getUserInfo().substring(1);
            assertTrue(send(uri.getPort(), "PING").startsWith("-NOAUTH"), "no answer without the password");
            assertEquals("+OK", send(uri.getPort(), "AUTH", password, "SET", "cairn:secret", "s3cret"));
            assertFalse(redis.address().contains(password), "the address for logs has no password");
        }
        assertPrivate(dir);
        try (EmbeddedRedis again = EmbeddedRedis.start(dir)) {
            URI uri = URI.create(again.url());
            assertEquals(URI.create(firstUrl).getUserInfo(), uri.getUserInfo(), "the same password after a restart");
            assertEquals("s3cret", send(uri.getPort(), "AUTH", uri.getUserInfo().substring(1), "GET", "cairn:secret").lines()
                .skip(1).findFirst().orElse(""), "and the data is still there");
        }
        assertPrivate(dir);
    }

    private static void assertPrivate(Path dir) throws Exception {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Set<PosixFilePermission> modes = Files.getPosixFilePermissions(p);
                for (PosixFilePermission m : modes) {
                    assertTrue(m.name().startsWith("OWNER"), p + " is readable beyond its owner: " + modes);
                }
            }
        }
        assertTrue(Files.exists(dir.resolve(EmbeddedRedis.PASSWORD_FILE)));
    }

    /**
     * Sends commands as RESP arrays: {@code AUTH pw} consumes two arguments when first, every other
     * command takes the rest. Returns the replies, one per line.
     */
    private static String send(int port, String... words) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            int replies = 0;
            int i = 0;
            StringBuilder wire = new StringBuilder();
            while (i < words.length) {
                int n = words[i].equals("AUTH") ? 2 : words.length - i;
                wire.append('*').append(n).append("\r\n");
                for (int k = i; k < i + n; k++) {
                    wire.append('$').append(words[k].getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(words[k]).append("\r\n");
                }
                i += n;
                replies++;
            }
            out.write(wire.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            StringBuilder answer = new StringBuilder();
            String first = in.readLine();
            if (words[0].equals("AUTH") && replies > 1) {
                if (!first.equals("+OK")) return first;
                first = in.readLine();
            }
            answer.append(first);
            if (first.startsWith("$") && !first.equals("$-1")) answer.append('\n').append(in.readLine());
            return answer.toString();
        }
    }
}
