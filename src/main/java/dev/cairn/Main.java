package dev.cairn;

import dev.cairn.config.ConfigException;
import dev.cairn.config.Settings;
import dev.cairn.config.SettingsLoader;

import java.time.Clock;
import java.util.logging.Logger;

/** Starts one Cairn node from config/cairn.json and the environment, and prints the URL to open. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %4$s %3$s: %5$s%6$s%n");
        Logger log = Logger.getLogger("cairn");
        Settings settings;
        try {
            settings = SettingsLoader.load(System.getenv());
        } catch (ConfigException e) {
            System.err.println("cairn: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("config: loaded (http " + settings.http().host() + ":" + settings.http().port()
            + ", data in " + settings.dataDir() + ")");
        CairnNode node = CairnNode.start(settings, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.stop();
            } catch (Exception e) {
                System.err.println("cairn: shutdown: " + e.getMessage());
            }
        }));
        long ms = (System.nanoTime() - started) / 1_000_000;
        log.info("ready in " + ms + " ms: open " + node.url());
        System.out.println("Cairn is running. Open " + node.url() + " in your browser.");
    }
}
