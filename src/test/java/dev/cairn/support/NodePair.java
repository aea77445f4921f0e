package dev.cairn.support;

import dev.cairn.CairnNode;

import java.util.Map;

/**
 * Two nodes on the shared test Redis, as most multi-node tests want them: start both with the
 * same settings, stop both (each checked for unhandled exceptions and SEVERE logs) even if one fails.
 */
public record NodePair(CairnNode east, CairnNode west) implements AutoCloseable {

    public static NodePair start() {
        return start(Map.of());
    }

    public static NodePair start(Map<String, String> env) {
        CairnNode east = TestNodes.start(env);
        try {
            return new NodePair(east, TestNodes.start(env));
        } catch (RuntimeException e) {
            TestNodes.stopQuietly(east);
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            TestNodes.stopQuietly(east);
        } finally {
            TestNodes.stopQuietly(west);
        }
    }
}
