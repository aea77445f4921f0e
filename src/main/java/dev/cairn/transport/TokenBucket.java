package dev.cairn.transport;

/** A message budget: {@code rate} tokens a second, up to {@code burst} saved up. */
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
        refill(now);
        if (tokens < 1) return false;
        tokens -= 1;
        return true;
    }

    /**
     * Takes {@code n} tokens spent elsewhere (the member's boards on other nodes). The budget may go
     * below nothing, by at most one burst, so what others spent holds this one back a while but
     * never for long.
     */
    void charge(long n, long now) {
        refill(now);
        tokens = Math.max(-burst, tokens - n);
    }

    private void refill(long now) {
        tokens = Math.min(burst, tokens + (now - last) * ratePerMs);
        last = now;
    }
}
