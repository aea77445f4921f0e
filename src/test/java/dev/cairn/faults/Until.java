package dev.cairn.faults;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for a condition in the fault tests: generous (90 s), so a slow machine waits rather than fails. */
final class Until {
    private Until() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(() -> what, condition);
    }

    /** {@code what} is asked only on a timeout, so it can describe the state that was reached. */
    static void until(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out: " + what.get());
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
