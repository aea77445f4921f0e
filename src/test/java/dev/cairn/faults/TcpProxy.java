package dev.cairn.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback between a client and a node, that can go silent: {@link #freeze} stops it
 * passing bytes either way while both connections stay open, as a laptop that slept or a network
 * that dropped without a word looks from each end; {@link #thaw} lets what waited through.
 */
final class TcpProxy implements AutoCloseable {
    final int port;
    private final int target;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean frozen;
    private volatile boolean closed;

    TcpProxy(int target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        this.port = server.getLocalPort();
        Thread accept = new Thread(this::accept, "tcp-proxy-" + port);
        accept.setDaemon(true);
        accept.start();
    }

    void freeze() {
        frozen = true;
    }

    void thaw() {
        frozen = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress("127.0.0.1", target));
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!closed) throw new IllegalStateException(e);
            }
        }
    }

    private void pump(Socket from, Socket to) throws IOException {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                while (!closed) {
                    // Frozen: read nothing, so the sender's bytes wait in the kernel's buffers, unacknowledged by anyone.
                    while (frozen && !closed) Thread.sleep(10);
                    int n = in.read(buffer);
                    if (n < 0) break;
                    while (frozen && !closed) Thread.sleep(10);
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // this side went away: pass on its end, and let the other direction finish by itself
            }
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // the other end is gone as well
            }
        }, "tcp-proxy-pump-" + port);
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) closeQuietly(s);
    }
}
