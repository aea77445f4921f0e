package dev.cairn.transport;

/** Per-connection message budget: {@code rate} tokens a second, up to {@code burst} saved up. */
final class TokenBucket {
    private final double ratePerMs;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(int ratePerSecond, int burst, long now) {
        this.ratePerMs = ratePerSecond / 1000.0;
        this.burst = burst;
        this.tokens = burst;
        this.last = now;
    }

    boolean take(long now) {
        tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
        last = now;
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }
}
