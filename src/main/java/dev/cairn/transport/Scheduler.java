package dev.cairn.transport;

import dev.cairn.room.Modules;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.store.Commit;

import java.util.Objects;

/**
 * The room's clock on this node: arms a timer for the earliest deadline any module declares, and
 * when it fires submits a system command through the normal commit path. The rules emit the
 * deadline's events only while it is still due, so when several nodes fire the same deadline
 * exactly one commit carries them. Runs on the room's loop.
 */
final class Scheduler {
    private final LiveRoom room;
    private final Node node;
    /** A fired deadline that may come back (the commit found it not due after all) waits this long. */
    private static final long REFIRE_AFTER_MS = 1000;

    private Modules.Due armed;
    private Modules.Due fired;
    private long timer = -1;

    Scheduler(LiveRoom room, Node node) {
        this.room = room;
        this.node = node;
    }

    /** Re-arms for the state's earliest deadline (called after every change of the state). */
    void rearm(RoomState state) {
        Modules.Due due = Modules.earliest(state);
        if (Objects.equals(due, armed)) return;
        cancel();
        armed = due;
        if (due == null) return;
        long delay = Math.max(1, due.deadline().at() - node.now());
        if (due.equals(fired)) delay = Math.max(delay, REFIRE_AFTER_MS);
        timer = node.vertx().setTimer(delay, id -> room.loop().run(() -> fire(due)));
    }

    void cancel() {
        if (timer >= 0) node.vertx().cancelTimer(timer);
        timer = -1;
        armed = null;
    }

    private void fire(Modules.Due due) {
        if (!Objects.equals(due, armed)) return;
        timer = -1;
        armed = null;
        fired = due;
        room.submit(Submission.of(RoomRules.SYSTEM, null,
            (state, history) -> node.rules().due(state, due.module(), due.deadline().id(), node.now())))
            .onComplete(done -> rearm(room.replica().state()));
    }

    /**
     * How a commit from {@code before} to {@code after} changes the room's entry in the set of due
     * rooms (so a node with no board in the room can fire it): the new earliest time, none, or unchanged.
     */
    String dueChange(RoomState before, RoomState after) {
        Modules.Due was = Modules.earliest(before);
        Modules.Due now = Modules.earliest(after);
        if (Objects.equals(was, now)) return Commit.DUE_UNCHANGED;
        return now == null ? Commit.NOT_DUE : Long.toString(now.deadline().at());
    }

    /** Whether a deadline is due now (the room was loaded because the set of due rooms named it). */
    boolean dueNow() {
        Modules.Due due = Modules.earliest(room.replica().state());
        return due != null && due.deadline().at() <= node.now();
    }
}
