package dev.cairn;

import dev.cairn.config.ConfigException;
import dev.cairn.config.Settings;
import dev.cairn.config.SettingsLoader;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/** Starts one Cairn node from config/cairn.json and the environment, and prints the URL to open. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("train")) {
            Training.run();
            return;
        }
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
        if (settings.hasPublicUrl()) {
            System.out.println("Cairn is running. Open " + settings.publicUrl() + "/ in your browser (every link starts with it).");
        } else {
            System.out.println("Cairn is running. Open " + node.url() + " in your browser.");
            List<String> others = networkAddresses(node.port());
            if (!others.isEmpty() && settings.http().host().equals("0.0.0.0")) {
                System.out.println("People on other machines: try " + String.join(" or ", others)
                    + ", and set CAIRN_PUBLIC_URL to the one they can open so every link uses it.");
            }
        }
    }

    /** {@code http://a.b.c.d:port/} for each IPv4 address of this machine other than loopback. */
    private static List<String> networkAddresses(int port) {
        List<String> out = new java.util.ArrayList<>();
        try {
            for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                    if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                        out.add("http://" + address.getHostAddress() + ":" + port + "/");
                    }
                }
            }
        } catch (java.net.SocketException | RuntimeException e) {
            // Nothing to suggest: the first line still says where this machine reaches it.
        }
        return out;
    }
}
