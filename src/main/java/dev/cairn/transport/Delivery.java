package dev.cairn.transport;

import dev.cairn.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Viewer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A room's fan-out on one node. Everything queued in one turn of the room's event loop (events
 * committed or read from Redis, relayed signals) goes out at the end of the turn as one frame per
 * socket. A frame is built once for every socket that sees the same thing: the same events from
 * the same seq, the same private parts (views per viewer), the same signals (a board never gets
 * its own caret back), and encoded to UTF-8 once: every socket writes a reference to the same
 * bytes. Frames are handed to each socket's own event loop in one task per loop.
 */
final class Delivery {
    /** A signal to relay: its frame, and the connection it came from. */
    private record Relayed(String json, String from) {
    }

    private record Write(Connection connection, ByteBuf frame) {
    }

    private final Loop loop;
    private final Set<Connection> connections;
    private final List<Entry> events = new ArrayList<>();
    private final List<Relayed> signals = new ArrayList<>();
    private final List<Runnable> afterFlush = new ArrayList<>();
    private RoomState state;
    private boolean scheduled;

    private final Node node;

    Delivery(Loop loop, Set<Connection> connections, Node node) {
        this.loop = loop;
        this.connections = connections;
        this.node = node;
    }

    /** Queues committed events (contiguous, in order) for this turn's frames. */
    void events(List<Entry> entries, RoomState after) {
        if (entries.isEmpty()) return;
        events.addAll(entries);
        state = after;
        schedule();
    }

    /** Drops the events queued this turn: the room reloaded and every board gets a snapshot instead. */
    void discardEvents() {
        events.clear();
    }

    void signal(String json, String fromConnection) {
        signals.add(new Relayed(json, fromConnection));
        schedule();
    }

    /** Runs {@code task} after this turn's frames went out (an ack must follow the events it acknowledges). */
    void afterDelivery(Runnable task) {
        if (events.isEmpty() && signals.isEmpty()) {
            task.run();
        } else {
            afterFlush.add(task);
        }
    }

    private void schedule() {
        if (scheduled) return;
        scheduled = true;
        loop.context().runOnContext(v -> flush());
    }

    private void flush() {
        scheduled = false;
        if (!events.isEmpty()) node.metrics().delivered(node.now() - events.get(events.size() - 1).event().at());
        List<Entry> batch = List.copyOf(events);
        List<Relayed> relayed = List.copyOf(signals);
        events.clear();
        signals.clear();
        // Each distinct frame is built and encoded once; every board gets a reference to the same bytes.
        Map<String, ByteBuf> frames = new HashMap<>();
        Map<Loop, List<Write>> byLoop = new LinkedHashMap<>();
        boolean privateEvents = batch.stream().anyMatch(Entry::isPrivate);
        boolean shared = !privateEvents && relayed.isEmpty();
        long firstSeq = batch.isEmpty() ? 0 : batch.get(0).seq();
        long lastSeq = batch.isEmpty() ? 0 : batch.get(batch.size() - 1).seq();
        for (Connection c : connections) {
            if (c.lastSent < 0) continue;
            int from = batch.isEmpty() ? 0 : (int) Math.min(batch.size(), Math.max(0, c.lastSent + 1 - firstSeq));
            int start = from;
            ByteBuf frame;
            if (shared) {
                // The common case: public events only, the same frame for every board at the same seq.
                if (from == batch.size()) continue;
                frame = frames.computeIfAbsent(Integer.toString(from), k -> encode(build(batch.subList(start, batch.size()), null, relayed, List.of())));
            } else {
                List<Integer> own = new ArrayList<>();
                for (int i = 0; i < relayed.size(); i++) if (relayed.get(i).from().equals(c.key)) own.add(i);
                if (from == batch.size() && own.size() == relayed.size()) continue;
                Viewer viewer = privateEvents ? c.viewer(state) : null;
                String key = from + "|" + (viewer == null ? "" : viewer) + "|" + own;
                frame = frames.computeIfAbsent(key, k -> encode(build(batch.subList(start, batch.size()), viewer, relayed, own)));
            }
            if (!batch.isEmpty()) c.lastSent = Math.max(c.lastSent, lastSeq);
            byLoop.computeIfAbsent(c.socketLoop, l -> new ArrayList<>()).add(new Write(c, frame.retainedDuplicate()));
        }
        frames.values().forEach(ByteBuf::release);
        byLoop.forEach((socketLoop, writes) -> socketLoop.run(() -> {
            for (Write w : writes) w.connection().write(w.frame());
        }));
        List<Runnable> tasks = List.copyOf(afterFlush);
        afterFlush.clear();
        tasks.forEach(Runnable::run);
    }

    /** A whole WebSocket text frame in a pooled buffer, shared by every socket that gets it. */
    private static ByteBuf encode(String frame) {
        return BoardSocket.textFrame(PooledByteBufAllocator.DEFAULT, frame);
    }

    private static String build(List<Entry> entries, Viewer viewer, List<Relayed> relayed, List<Integer> own) {
        List<String> items = new ArrayList<>(entries.size() + relayed.size());
        for (Entry e : entries) items.add(json(e, viewer));
        for (int i = 0; i < relayed.size(); i++) if (!own.contains(i)) items.add(relayed.get(i).json());
        return frame(items);
    }

    /** Events as {@code viewer} may see them, as one frame; for a board being brought up to date. */
    static String frameFor(List<Entry> entries, Viewer viewer) {
        List<String> items = new ArrayList<>(entries.size());
        for (Entry e : entries) items.add(json(e, viewer));
        return frame(items);
    }

    /** The event's frame, or the viewer's view of it when its module keeps private parts. */
    private static String json(Entry e, Viewer viewer) {
        if (!e.isPrivate()) return e.json();
        if (viewer == null) throw new IllegalStateException("a private event needs a viewer");
        Sequenced seen = Modules.forEvent(e.event().event()).view(e.event(), viewer);
        return seen == e.event() ? e.json() : Wire.encode(seen);
    }

    /** One JSON object for a single item, an array for several. */
    static String frame(List<String> items) {
        if (items.size() == 1) return items.get(0);
        StringBuilder out = new StringBuilder(items.size() * 128).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) out.append(',');
            out.append(items.get(i));
        }
        return out.append(']').toString();
    }
}
