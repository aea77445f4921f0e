package dev.cairn.bench;

import org.HdrHistogram.Histogram;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Scenario "coldstart": from process start to the first WebSocket the server accepts, several
 * runs, with the embedded Redis (its binary already unpacked by an earlier start, as on any
 * machine after the first). {@code --cds on|off|both} (default both): with an application
 * class-data archive made by a training run ({@code dev.cairn.Main train}), as the image does, and
 * without. The server runs from jars (class-data archives need them): Cairn's classes are packed
 * into {@code target/coldstart/cairn.jar} first.
 */
final class ColdStart {
    private ColdStart() {
    }

    static void run(Map<String, String> options) throws Exception {
        int runs = Bench.intOption(options, "runs", 5);
        String cds = options.getOrDefault("cds", "both");
        Report report = new Report("coldstart");
        Path dir = Files.createDirectories(Path.of("target", "coldstart"));
        String classpath = jarClasspath(dir);
        Path archive = dir.resolve("cairn.jsa");
        HttpClient http = HttpClient.newHttpClient();
        List<String> modes = cds.equals("both") ? List.of("off", "on") : List.of(cds);
        for (String mode : modes) {
            List<String> jvm = new ArrayList<>();
            if (mode.equals("on")) {
                Files.deleteIfExists(archive);
                Process training = new ProcessBuilder(java(), "-XX:ArchiveClassesAtExit=" + archive, "-cp", classpath, "dev.cairn.Main", "train")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!training.waitFor(120, TimeUnit.SECONDS) || training.exitValue() != 0 || !Files.exists(archive)) {
                    throw new IllegalStateException("the training run made no archive");
                }
                jvm.add("-XX:SharedArchiveFile=" + archive);
            }
            Histogram ms = new Histogram(3);
            for (int i = 0; i < runs; i++) {
                long took = once(http, classpath, jvm);
                ms.recordValue(took);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("class_data_archive", mode);
                row.put("run", i + 1);
                row.put("process_start_to_first_ws_ms", took);
                report.add(row);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("class_data_archive", mode);
            summary.put("run", "median of " + runs);
            summary.put("process_start_to_first_ws_ms", ms.getValueAtPercentile(50));
            summary.put("under_goal", ms.getValueAtPercentile(50) < 1000);
            report.add(summary);
        }
        report.finish();
    }

    /** One start: milliseconds from starting the process to the first accepted WebSocket. */
    private static long once(HttpClient http, String classpath, List<String> jvm) throws Exception {
        int port = ServerProcess.freePort();
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvm);
        command.addAll(List.of("-cp", classpath, "dev.cairn.Main"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("CAIRN_HTTP_PORT", Integer.toString(port));
        builder.environment().put("CAIRN_DATA_DIR", Files.createTempDirectory("cairn-cold").toString());
        long started = System.nanoTime();
        Process process = builder.start();
        long acceptedAt = 0;
        try {
            while (acceptedAt == 0) {
                if (System.nanoTime() - started > 60_000_000_000L) throw new IllegalStateException("no start in 60 s");
                try {
                    WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(1))
                        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new WebSocket.Listener() { })
                        .get(2, TimeUnit.SECONDS);
                    acceptedAt = System.nanoTime();
                    ws.abort();
                } catch (Exception notYet) {
                    Thread.sleep(5);
                }
            }
        } finally {
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
        }
        return (acceptedAt - started) / 1_000_000;
    }

    /** Cairn's classes packed into a jar, then every jar of this JVM's class path (no directories). */
    private static String jarClasspath(Path dir) throws Exception {
        Path jar = dir.resolve("cairn.jar");
        Files.deleteIfExists(jar);
        Process pack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
            "cf", jar.toString(), "-C", Path.of("target", "classes").toString(), ".").inheritIO().start();
        if (pack.waitFor() != 0) throw new IllegalStateException("could not pack target/classes");
        List<String> parts = new ArrayList<>(List.of(jar.toAbsolutePath().toString()));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && new File(entry).isFile()) parts.add(entry);
        }
        return String.join(File.pathSeparator, parts);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
