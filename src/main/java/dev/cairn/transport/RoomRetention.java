package dev.cairn.transport;

import dev.cairn.protocol.Wire;
import dev.cairn.room.Member;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomState;
import io.vertx.core.Future;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

/**
 * Lets go of rooms nobody opened for {@code limits.retentionDays}: first writes the room's whole
 * archive (every event frame, one JSON per line, gzipped) to {@code <dataDir>/archive/<room>.jsonl.gz},
 * then deletes its keys from Redis, in one script that checks nobody opened it meanwhile. Any node
 * may sweep; two sweeping the same room write the same file and only one deletes.
 */
final class RoomRetention {
    private static final Logger LOG = Logger.getLogger(RoomRetention.class.getName());
    private static final int ROOMS_PER_SWEEP = 20;
    private static final int PAGE = 1000;

    private final Node node;
    private final Path archiveDir;
    private final long retentionMillis;
    private boolean sweeping;

    RoomRetention(Node node) {
        this.node = node;
        this.archiveDir = Path.of(node.settings().dataDir(), "archive");
        this.retentionMillis = Duration.ofDays(node.settings().limits().retentionDays()).toMillis();
    }

    /**
     * One sweep (skipped while the last one runs): every idle room archived and deleted, one after
     * another, a few at a time, until none is left.
     */
    void sweep() {
        if (retentionMillis <= 0 || sweeping) return;
        sweeping = true;
        sweepFrom(node.now() - retentionMillis).onComplete(done -> {
            sweeping = false;
            if (done.failed()) LOG.warning("retention: sweep stopped: " + done.cause().getMessage());
        });
    }

    private Future<Void> sweepFrom(long before) {
        return node.store().idleSince(before, ROOMS_PER_SWEEP).compose(rooms -> {
            Future<Void> chain = Future.succeededFuture();
            for (String roomId : rooms) chain = chain.compose(v -> letGo(roomId, before));
            // Each room of a full batch was deleted or opened again meanwhile: either way it left the list.
            return rooms.size() < ROOMS_PER_SWEEP ? chain : chain.compose(v -> sweepFrom(before));
        });
    }

    private Future<Void> letGo(String roomId, long before) {
        List<String> frames = new ArrayList<>();
        return readAll(roomId, 0, frames)
            .compose(v -> node.vertx().executeBlocking(() -> write(roomId, frames), false))
            .compose(file -> {
                RoomState room = replay(roomId, frames);
                List<String> members = room.members().values().stream().map(Member::id).toList();
                List<String> lists = Modules.ALL.stream().flatMap(m -> m.listRoutes().values().stream()).distinct().toList();
                return node.store().forget(roomId, members, lists, before).map(deleted -> {
                    if (deleted) LOG.info("retention: room " + roomId + " (" + frames.size() + " events) archived to " + file + " and deleted from Redis");
                    return null;
                });
            });
    }

    private Future<Void> readAll(String roomId, long after, List<String> into) {
        return node.store().eventsAfter(roomId, after, PAGE).compose(page -> {
            into.addAll(page);
            if (page.size() < PAGE) return Future.succeededFuture();
            return readAll(roomId, after + page.size(), into);
        });
    }

    private static RoomState replay(String roomId, List<String> frames) {
        RoomState room = RoomState.empty(roomId);
        for (String frame : frames) room = room.apply(Wire.decodeEvent(Wire.tree(frame)));
        return room;
    }

    /** Writes the file next to its final name and moves it there, so a half-written archive never has the real name. */
    private Path write(String roomId, List<String> frames) {
        try {
            Files.createDirectories(archiveDir);
            Path file = archiveDir.resolve(roomId + ".jsonl.gz");
            Path partial = archiveDir.resolve(roomId + ".jsonl.gz.partial");
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(partial))) {
                for (String frame : frames) {
                    out.write(frame.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
