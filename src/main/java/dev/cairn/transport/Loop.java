package dev.cairn.transport;

import io.vertx.core.Context;

/**
 * One event loop: its context and its thread. Work for a room is run here; a callback that arrives
 * on another thread (a pub/sub message, a socket accepted by another loop) is handed over.
 */
record Loop(Context context, Thread thread) {

    static Loop current(Context context) {
        return new Loop(context, Thread.currentThread());
    }

    void run(Runnable task) {
        if (Thread.currentThread() == thread) task.run();
        else context.runOnContext(v -> task.run());
    }
}
