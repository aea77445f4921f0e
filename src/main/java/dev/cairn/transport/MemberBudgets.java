package dev.cairn.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Each member's message budget in one room, across all their boards on every node. Every node
 * checks its own budget of the member at once, with no call to Redis on the way. While the member
 * also has boards on another node (presence says so), a few times a second it adds what the
 * member's boards here spent to the room's shared count in Redis and takes from its budget what
 * their boards on other nodes spent meanwhile; a member whose boards are all on one node costs
 * Redis nothing. A member's messages on all nodes together are so held to the rate, over a while;
 * each node lets at most one burst through before it has heard from the others. Runs on the
 * room's loop.
 */
final class MemberBudgets {
    private static final Logger LOG = Logger.getLogger(MemberBudgets.class.getName());
    /** How often, at most, a node says what its boards spent (only while one of them sends). */
    private static final long REPORT_EVERY_MS = 250;
    /** How long the shared count outlives the last message any node reported. */
    private static final long COUNT_LIFETIME_MS = 10 * 60_000;

    private final LiveRoom room;
    private final Node node;
    private final Map<String, Budget> budgets = new HashMap<>();
    private boolean reportDue;
    private boolean reporting;

    private static final class Budget {
        final TokenBucket bucket;
        /** Messages this node let through and has not added to the shared count yet. */
        long unreported;
        /** What this node has added to the shared count, and what the others had, as last answered. */
        long added;
        long others;
        /** Whether {@link #added} and {@link #others} were read from the shared count. */
        boolean known;

        Budget(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    MemberBudgets(LiveRoom room, Node node) {
        this.room = room;
        this.node = node;
    }

    /** Takes one message from the member's budget; false when it is spent. */
    boolean take(String memberId, long now) {
        var limits = node.settings().limits();
        Budget b = budgets.computeIfAbsent(memberId,
            id -> new Budget(new TokenBucket(limits.commandsPerSecond(), limits.commandBurst(), now)));
        if (!b.bucket.take(now)) return false;
        // A member whose boards are all here is held by this budget alone: nothing to share.
        if (!room.boardsElsewhere(memberId)) return true;
        b.unreported++;
        if (!reporting) scheduleReport();
        return true;
    }

    private void scheduleReport() {
        if (reportDue) return;
        reportDue = true;
        node.vertx().setTimer(REPORT_EVERY_MS, t -> node.loop().run(this::report));
    }

    private void report() {
        room.checkOwner();
        reportDue = false;
        Map<String, Long> sent = new LinkedHashMap<>();
        budgets.forEach((member, b) -> {
            if (b.unreported > 0) sent.put(member, b.unreported);
            b.unreported = 0;
        });
        if (sent.isEmpty()) return;
        reporting = true;
        room.here(node.store().spend(room.id, sent, COUNT_LIFETIME_MS)).onComplete(done -> {
            reporting = false;
            if (done.succeeded()) {
                settle(sent, done.result(), node.now());
            } else {
                // Redis is away (then nothing commits anyway): this node's own budgets still hold.
                LOG.fine(() -> "room " + room.id + ": spent messages not shared: " + done.cause().getMessage());
            }
            for (Budget b : budgets.values()) {
                if (b.unreported > 0) {
                    scheduleReport();
                    break;
                }
            }
        });
    }

    /** Takes from each budget what the member's boards on other nodes spent since the last answer. */
    private void settle(Map<String, Long> sent, List<Long> totals, long now) {
        List<String> members = new ArrayList<>(sent.keySet());
        for (int i = 0; i < members.size(); i++) {
            Budget b = budgets.get(members.get(i));
            long mine = sent.get(members.get(i));
            long total = totals.get(i);
            long others = total - b.added - mine;
            if (!b.known || others < b.others) {
                // First answer for this budget, or the count expired and began again: a baseline, no charge.
                b.known = true;
                b.added = mine;
                b.others = Math.max(0, total - mine);
                continue;
            }
            b.added += mine;
            b.bucket.charge(others - b.others, now);
            b.others = others;
        }
    }
}
