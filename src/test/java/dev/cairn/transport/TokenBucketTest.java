package dev.cairn.transport;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-connection budget: a burst up front, then the steady rate. */
class TokenBucketTest {

    @Test
    void allowsTheBurstThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 3, 0);
        assertTrue(bucket.take(0));
        assertTrue(bucket.take(0));
        assertTrue(bucket.take(0));
        assertFalse(bucket.take(0), "burst spent");
        assertFalse(bucket.take(50), "half a token after 50 ms at 10/s");
        assertTrue(bucket.take(100));
        assertTrue(bucket.take(10_000));
        assertTrue(bucket.take(10_000));
        assertTrue(bucket.take(10_000));
        assertFalse(bucket.take(10_000), "never more than the burst saved up");
    }
}
