package dev.cairn.transport;

import io.vertx.core.http.HttpServerRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often one client address may create rooms and join them, across every event loop of the
 * node: a budget per address and action ({@code perMinute}, saved up to one minute's worth). The
 * address is the socket's peer, or, when that peer is a trusted reverse proxy, the last address in
 * {@code X-Forwarded-For} that is not itself a trusted proxy. Idle budgets are forgotten.
 */
public final class AddressLimits {
    /** Budgets kept at most; beyond this the node forgets them all rather than grow without end. */
    static final int MAX_ADDRESSES = 100_000;

    private final Set<String> trustedProxies;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    public AddressLimits(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** Whether {@code address} may do {@code action} once more now; takes one from its budget if so. */
    boolean allow(String action, String address, int perMinute, long now) {
        if (budgets.size() >= MAX_ADDRESSES) budgets.clear();
        return budgets.computeIfAbsent(action + " " + address, k -> new Budget(perMinute, now)).take(perMinute, now);
    }

    /** Forgets budgets that have refilled completely: nothing to remember about them. */
    void forgetIdle(long now) {
        budgets.values().removeIf(b -> b.full(now));
    }

    /** The client's address for the limits. */
    String clientOf(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        if (!trustedProxies.contains(peer)) return peer;
        String forwarded = request.getHeader("x-forwarded-for");
        if (forwarded == null || forwarded.isBlank()) return peer;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) return hop;
        }
        return peer;
    }

    /** One address's budget for one action: refills {@code perMinute} a minute, holds at most that many. */
    private static final class Budget {
        private double tokens;
        private long last;

        Budget(int perMinute, long now) {
            this.tokens = perMinute;
            this.last = now;
        }

        synchronized boolean take(int perMinute, long now) {
            refill(perMinute, now);
            if (tokens < 1) return false;
            tokens -= 1;
            return true;
        }

        private void refill(int perMinute, long now) {
            tokens = Math.min(perMinute, tokens + Math.max(0, now - last) * perMinute / 60_000.0);
            last = now;
        }

        synchronized boolean full(long now) {
            return now - last > 60_000;
        }
    }
}
