package dev.cairn.queue;

import dev.cairn.queue.QueueCommand.Add;
import dev.cairn.queue.QueueCommand.Call;
import dev.cairn.queue.QueueCommand.ChangeKind;
import dev.cairn.queue.QueueCommand.Clear;
import dev.cairn.queue.QueueCommand.Configure;
import dev.cairn.queue.QueueCommand.EndTurn;
import dev.cairn.queue.QueueCommand.Lock;
import dev.cairn.queue.QueueCommand.Lower;
import dev.cairn.queue.QueueCommand.Move;
import dev.cairn.queue.QueueCommand.Next;
import dev.cairn.queue.QueueCommand.Pass;
import dev.cairn.queue.QueueCommand.Raise;
import dev.cairn.queue.QueueCommand.Remove;
import dev.cairn.queue.QueueCommand.StartRound;
import dev.cairn.meeting.MeetingEvent;
import dev.cairn.room.Context;
import dev.cairn.room.Member;
import dev.cairn.room.MembershipEvent;
import dev.cairn.room.Names;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomRules;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Rules of the speaking queue: hands by kind, the progressive stack, turns named by id (so a
 * speaker's "done" and a facilitator's "next" at the same instant skip nobody), rounds, and each
 * speaker's time in the meeting.
 */
public final class QueueRules {
    public static final int MAX_ENTRIES = 200;
    public static final int MIN_TURN_SECONDS = 10;
    public static final int MAX_TURN_SECONDS = 3600;

    private QueueRules() {
    }

    /**
     * What the queue does when another module's event changes who may speak: a member removed or
     * made an observer has their hand taken down (and their turn, if they have the floor, ends);
     * a meeting that ends ends the turn under way, counted in that meeting.
     */
    static List<RoomEvent> alongside(RoomState room, RoomEvent event, Context ctx) {
        QueueState queue = QueueModule.of(room);
        List<RoomEvent> events = new ArrayList<>();
        String gone = null;
        if (event instanceof MembershipEvent.MemberRemoved e) gone = e.memberId();
        if (event instanceof MembershipEvent.RoleChanged e && !Role.fromWire(e.role()).canEdit()) gone = e.memberId();
        if (gone != null) {
            if (queue.current() != null && gone.equals(queue.current().memberId())) events.add(ended(room, queue, ctx));
            for (Entry entry : queue.entries()) {
                if (gone.equals(entry.memberId())) events.add(new QueueEvent.EntryRemoved(entry.entryId()));
            }
        } else if (event instanceof MeetingEvent.Ended && queue.current() != null) {
            events.add(ended(room, queue, ctx));
        }
        return events;
    }

    public static List<RoomEvent> decide(RoomState room, Member actor, Context ctx, QueueCommand command) {
        QueueState queue = QueueModule.of(room);
        if (command instanceof Raise c) return raise(room, queue, actor, ctx, c);
        if (command instanceof Lower c) {
            RoomRules.requireEditor(actor, "lower hands");
            Entry entry = requireEntry(queue, c.entryId());
            if (!actor.id().equals(entry.memberId())) throw Rejection.forbidden("you can only lower your own hand");
            if (entry.roundId() != null) throw Rejection.conflict("this is your turn in the round: pass instead");
            return List.of(new QueueEvent.HandLowered(entry.entryId()));
        }
        if (command instanceof ChangeKind c) {
            RoomRules.requireEditor(actor, "change a hand's kind");
            Entry entry = requireEntry(queue, c.entryId());
            if (!actor.id().equals(entry.memberId()) && actor.role() != Role.FACILITATOR) {
                throw Rejection.forbidden("only facilitators may change someone else's hand");
            }
            if (c.kind() == null) throw Rejection.invalid("kind is required");
            String kind = Kind.raisable(c.kind());
            if (entry.roundId() != null) throw Rejection.conflict("a turn in the round has no other kind");
            if (kind.equals(entry.kind())) return List.of();
            List<Entry> rest = queue.entriesCopy();
            rest.remove(entry);
            int index = QueueOrder.place(rest, entry.withKind(kind), queue.progressive(), spoken(room, queue));
            return List.of(new QueueEvent.KindChanged(entry.entryId(), kind, index));
        }
        if (command instanceof Add c) {
            RoomRules.requireFacilitator(actor, "add someone to the queue");
            String name = Names.displayName(c.name());
            String kind = Kind.raisable(c.kind());
            requireRoom(queue, 1);
            return List.of(hand(room, queue, new Entry(entryId(room), null, name, kind, ctx.now(), actor.id(), null, null)));
        }
        if (command instanceof Move c) {
            RoomRules.requireFacilitator(actor, "move someone in the queue");
            Entry entry = requireEntry(queue, c.entryId());
            int from = queue.indexOf(entry.entryId());
            if (c.index() == null || c.index() < 0 || c.index() >= queue.entries().size()) {
                throw Rejection.invalid("index must be between 0 and " + (queue.entries().size() - 1));
            }
            return from == c.index() ? List.of() : List.of(new QueueEvent.EntryMoved(entry.entryId(), c.index()));
        }
        if (command instanceof Remove c) {
            RoomRules.requireFacilitator(actor, "take someone off the queue");
            return List.of(new QueueEvent.EntryRemoved(requireEntry(queue, c.entryId()).entryId()));
        }
        if (command instanceof Clear) {
            RoomRules.requireFacilitator(actor, "clear the queue");
            return queue.entries().isEmpty() && queue.round() == null ? List.of() : List.of(new QueueEvent.Cleared());
        }
        if (command instanceof Lock c) {
            RoomRules.requireFacilitator(actor, "lock or unlock the queue");
            if (c.locked() == null) throw Rejection.invalid("locked is required");
            return c.locked() == queue.locked() ? List.of() : List.of(new QueueEvent.LockChanged(c.locked()));
        }
        if (command instanceof Configure c) return configure(room, queue, actor, c);
        if (command instanceof Next c) {
            RoomRules.requireFacilitator(actor, "call the next speaker");
            requireCurrent(queue, c.turnId());
            if (queue.entries().isEmpty() && queue.current() == null) throw Rejection.conflict("nobody is in the queue");
            return floor(room, queue, ctx, null);
        }
        if (command instanceof Call c) {
            RoomRules.requireFacilitator(actor, "give someone the floor");
            Entry entry = requireEntry(queue, c.entryId());
            requireCurrent(queue, c.turnId());
            return floor(room, queue, ctx, entry);
        }
        if (command instanceof EndTurn c) return endTurn(room, queue, actor, ctx, c);
        if (command instanceof StartRound c) return startRound(room, queue, actor, ctx, c);
        Pass c = (Pass) command;
        RoomRules.requireEditor(actor, "pass");
        Entry entry = requireEntry(queue, c.entryId());
        if (!actor.id().equals(entry.memberId())) throw Rejection.forbidden("you can only pass on your own turn");
        if (entry.roundId() == null) throw Rejection.conflict("only a turn in a round can be passed; lower your hand instead");
        return List.of(new QueueEvent.Passed(entry.entryId(), entry.roundId()));
    }

    private static List<RoomEvent> raise(RoomState room, QueueState queue, Member actor, Context ctx, Raise c) {
        RoomRules.requireEditor(actor, "raise a hand");
        if (queue.locked() && actor.role() != Role.FACILITATOR) {
            throw Rejection.forbidden("the facilitator has locked the queue");
        }
        String kind = Kind.raisable(c.kind());
        if (queue.handOf(actor.id()) != null) throw Rejection.conflict("your hand is already up: change its kind instead");
        requireRoom(queue, 1);
        return List.of(hand(room, queue, new Entry(entryId(room), actor.id(), actor.name(), kind, ctx.now(), actor.id(), null, null)));
    }

    private static QueueEvent.HandRaised hand(RoomState room, QueueState queue, Entry entry) {
        return new QueueEvent.HandRaised(entry, QueueOrder.place(queue.entries(), entry, queue.progressive(), spoken(room, queue)));
    }

    private static List<RoomEvent> configure(RoomState room, QueueState queue, Member actor, Configure c) {
        RoomRules.requireFacilitator(actor, "change the queue's settings");
        if (c.progressive() == null && c.turnLimitSeconds() == null) {
            throw Rejection.invalid("give progressive, turnLimitSeconds or both");
        }
        boolean progressive = c.progressive() == null ? queue.progressive() : c.progressive();
        int limit = c.turnLimitSeconds() == null ? queue.turnLimitSeconds() : c.turnLimitSeconds();
        if (limit != 0 && (limit < MIN_TURN_SECONDS || limit > MAX_TURN_SECONDS)) {
            throw Rejection.invalid("turnLimitSeconds must be 0 (no limit) or from " + MIN_TURN_SECONDS + " to " + MAX_TURN_SECONDS);
        }
        if (progressive == queue.progressive() && limit == queue.turnLimitSeconds()) return List.of();
        List<RoomEvent> events = new ArrayList<>();
        events.add(new QueueEvent.Configured(progressive, limit));
        if (progressive != queue.progressive()) {
            reorder(queue.entries(), progressive, spoken(room, queue)).ifPresent(events::add);
        }
        return events;
    }

    /** A {@code queue.reordered} when the rule orders {@code entries} differently, else nothing. */
    private static java.util.Optional<QueueEvent.Reordered> reorder(List<Entry> entries, boolean progressive,
                                                                   java.util.function.ToLongFunction<String> spoken) {
        List<Entry> ordered = QueueOrder.byRule(entries, progressive, spoken);
        if (ordered.equals(entries)) return java.util.Optional.empty();
        return java.util.Optional.of(new QueueEvent.Reordered(ordered.stream().map(Entry::entryId).toList()));
    }

    /**
     * A facilitator's "next" or "call" names the turn it ends: the one under way, or null (or any
     * earlier turn) when nobody has the floor. Once another turn has begun, the command is stale.
     */
    private static void requireCurrent(QueueState queue, String turnId) {
        Turn current = queue.current();
        if (current != null && !current.turnId().equals(turnId)) {
            throw Rejection.conflict(turnId == null
                ? current.name() + " has the floor now (turn " + current.turnId() + ")"
                : "turn " + turnId + " has already ended; " + current.name() + " has the floor now (turn " + current.turnId() + ")");
        }
    }

    /**
     * Ends the turn under way (if any) and gives the floor to {@code entry}, or (null) to whoever is
     * first once the queue is in order after that turn.
     */
    private static List<RoomEvent> floor(RoomState room, QueueState queue, Context ctx, Entry chosen) {
        List<RoomEvent> events = new ArrayList<>();
        List<Entry> waiting = queue.entries();
        if (queue.current() != null) waiting = end(room, queue, ctx, events);
        Entry entry = chosen != null ? chosen : waiting.isEmpty() ? null : waiting.get(0);
        if (entry != null) {
            String turnId = "t" + (room.seq() + events.size() + 1);
            events.add(new QueueEvent.TurnStarted(new Turn(turnId, entry.entryId(), entry.memberId(), entry.name(), entry.kind(),
                ctx.now(), queue.turnLimitSeconds(), entry.roundId())));
        }
        return events;
    }

    /** The speaker's "done" (or a facilitator's end); a turn that already ended is a no-op, so a "done" after "next" skips nobody. */
    private static List<RoomEvent> endTurn(RoomState room, QueueState queue, Member actor, Context ctx, EndTurn c) {
        RoomRules.requireEditor(actor, "end a turn");
        if (c.turnId() == null) throw Rejection.invalid("turnId is required");
        Turn current = queue.current();
        if (current != null && current.turnId().equals(c.turnId())) {
            if (!actor.id().equals(current.memberId()) && actor.role() != Role.FACILITATOR) {
                throw Rejection.forbidden("only the speaker or a facilitator may end this turn");
            }
            List<RoomEvent> events = new ArrayList<>();
            end(room, queue, ctx, events);
            return events;
        }
        if (!pastTurn(room, c.turnId())) throw Rejection.notFound("no turn " + c.turnId());
        return List.of();
    }

    private static boolean pastTurn(RoomState room, String turnId) {
        if (!turnId.matches("t[1-9][0-9]{0,17}")) return false;
        return Long.parseLong(turnId.substring(1)) <= room.seq();
    }

    /**
     * Adds the end of the turn under way to {@code events} and, with the progressive stack on,
     * the queue's new order now that the speaker's time grew; returns the waiting entries in order.
     */
    private static List<Entry> end(RoomState room, QueueState queue, Context ctx, List<RoomEvent> events) {
        QueueEvent.TurnEnded ended = ended(room, queue, ctx);
        events.add(ended);
        if (!queue.progressive()) return queue.entries();
        Map<String, Speaking> speaking = new HashMap<>(queue.speakingIn(ended.meetingId()));
        speaking.put(ended.speaker(), new Speaking(ended.spokenMillis(), ended.turns()));
        List<Entry> ordered = QueueOrder.byRule(queue.entries(), true, s -> speaking.getOrDefault(s, Speaking.NONE).millis());
        if (!ordered.equals(queue.entries())) events.add(new QueueEvent.Reordered(ordered.stream().map(Entry::entryId).toList()));
        return ordered;
    }

    private static QueueEvent.TurnEnded ended(RoomState room, QueueState queue, Context ctx) {
        Turn turn = queue.current();
        String meeting = MeetingLink.meetingId(room);
        long millis = Math.max(0, ctx.now() - turn.startedAt());
        Map<String, Speaking> after = new HashMap<>(queue.speakingIn(meeting));
        Speaking mine = after.getOrDefault(turn.speaker(), Speaking.NONE).plus(millis);
        after.put(turn.speaker(), mine);
        return new QueueEvent.TurnEnded(turn.turnId(), turn.speaker(), turn.memberId(), turn.name(), turn.kind(), meeting,
            turn.startedAt(), millis, mine.millis(), mine.turns(), balance(room, after));
    }

    /**
     * The balance figure over the members present in the meeting who are neither facilitators nor
     * observers; null outside a meeting or while undefined.
     */
    static Double balance(RoomState room, Map<String, Speaking> speaking) {
        Set<String> present = MeetingLink.present(room);
        if (present == null) return null;
        List<String> counted = new ArrayList<>();
        for (String id : present) {
            Member m = room.member(id);
            if (m != null && m.role() == Role.PARTICIPANT) counted.add(id);
        }
        return Balance.over(counted, speaking);
    }

    private static List<RoomEvent> startRound(RoomState room, QueueState queue, Member actor, Context ctx, StartRound c) {
        RoomRules.requireFacilitator(actor, "start a round");
        if (queue.round() != null) throw Rejection.conflict("a round is under way; clear the queue to end it first");
        List<String> order = roundMembers(room, c.memberIds());
        if (order.isEmpty()) throw Rejection.invalid("nobody to go round: no participant or facilitator is present");
        requireRoom(queue, order.size());
        boolean shuffle = Boolean.TRUE.equals(c.shuffle());
        if (shuffle) {
            // Decided here, once: the event carries the order, so every node applies the same one.
            order = new ArrayList<>(order);
            Collections.shuffle(order, new Random(room.id().hashCode() * 31L + room.seq()));
        }
        String roundId = "r" + (room.seq() + 1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Member m = room.member(order.get(i));
            entries.add(new Entry(roundId + "-" + (i + 1), m.id(), m.name(), Kind.ROUND, ctx.now(), actor.id(), null, roundId));
        }
        int index = QueueOrder.place(queue.entries(), entries.get(0), false, s -> 0);
        return List.of(new QueueEvent.RoundStarted(new Round(roundId, order, shuffle, List.of()), entries, index));
    }

    /** The members a round goes to: those named (checked), or the members present in the meeting, oldest member first. */
    private static List<String> roundMembers(RoomState room, List<String> named) {
        if (named != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (String id : named) {
                if (id == null) throw Rejection.invalid("memberIds must be member ids");
                Member m = room.member(id);
                if (m == null || !m.role().isMember()) throw Rejection.notFound("no member " + id);
                if (m.role() == Role.OBSERVER) throw Rejection.invalid(m.name() + " is an observer and does not speak in rounds");
                if (!seen.add(id)) throw Rejection.invalid("memberIds names " + m.name() + " twice");
            }
            return List.copyOf(seen);
        }
        Set<String> present = MeetingLink.present(room);
        if (present == null) throw Rejection.invalid("no meeting is under way: name the members of the round in memberIds");
        return present.stream().map(room::member)
            .filter(m -> m != null && m.role().canEdit())
            .sorted(Comparator.comparingLong(Member::joinedAt).thenComparing(Member::id))
            .map(Member::id).toList();
    }

    private static java.util.function.ToLongFunction<String> spoken(RoomState room, QueueState queue) {
        Map<String, Speaking> speaking = queue.speakingIn(MeetingLink.meetingId(room));
        return speaker -> speaking.getOrDefault(speaker, Speaking.NONE).millis();
    }

    private static String entryId(RoomState room) {
        return "h" + (room.seq() + 1);
    }

    private static Entry requireEntry(QueueState queue, String id) {
        if (id == null) throw Rejection.invalid("entryId is required");
        Entry entry = queue.entry(id);
        if (entry == null) throw Rejection.notFound("no entry " + id + " in the queue");
        return entry;
    }

    private static void requireRoom(QueueState queue, int more) {
        if (queue.entries().size() + more > MAX_ENTRIES) {
            throw new Rejection("too_large", "the queue holds at most " + MAX_ENTRIES + " entries");
        }
    }

    // ---- apply -------------------------------------------------------------------------------

    /** The queue after one of its events. */
    public static QueueState apply(QueueState queue, Sequenced sequenced) {
        QueueEvent event = (QueueEvent) sequenced.event();
        return settleRound(applied(queue, event, sequenced.by()));
    }

    private static QueueState applied(QueueState queue, QueueEvent event, String by) {
        List<Entry> entries = queue.entriesCopy();
        if (event instanceof QueueEvent.HandRaised e) {
            entries.add(e.index(), e.entry());
        } else if (event instanceof QueueEvent.HandLowered e) {
            entries.remove(queue.indexOf(e.entryId()));
        } else if (event instanceof QueueEvent.KindChanged e) {
            Entry entry = entries.remove(queue.indexOf(e.entryId()));
            entries.add(e.index(), entry.withKind(e.kind()));
        } else if (event instanceof QueueEvent.EntryMoved e) {
            Entry entry = entries.remove(queue.indexOf(e.entryId()));
            entries.add(e.index(), entry.movedBy(by));
        } else if (event instanceof QueueEvent.EntryRemoved e) {
            entries.remove(queue.indexOf(e.entryId()));
        } else if (event instanceof QueueEvent.Passed e) {
            Entry entry = entries.remove(queue.indexOf(e.entryId()));
            Round round = queue.round();
            if (round != null && round.roundId().equals(e.roundId())) {
                List<String> passed = new ArrayList<>(round.passed());
                passed.add(entry.memberId());
                queue = queue.withRound(new Round(round.roundId(), round.order(), round.shuffled(), passed));
            }
        } else if (event instanceof QueueEvent.Cleared) {
            return queue.withEntries(List.of()).withRound(null);
        } else if (event instanceof QueueEvent.LockChanged e) {
            return queue.withLocked(e.locked());
        } else if (event instanceof QueueEvent.Configured e) {
            return queue.withSettings(e.progressive(), e.turnLimitSeconds());
        } else if (event instanceof QueueEvent.TurnStarted e) {
            int at = queue.indexOf(e.turn().entryId());
            if (at >= 0) entries.remove(at);
            return queue.withEntries(entries).withCurrent(e.turn());
        } else if (event instanceof QueueEvent.TurnEnded e) {
            return queue.withCurrent(null).withSpoken(e.meetingId(), e.speaker(), e.millis());
        } else if (event instanceof QueueEvent.Reordered e) {
            List<Entry> ordered = new ArrayList<>();
            for (String id : e.order()) {
                Entry entry = queue.entry(id);
                if (entry != null) ordered.add(entry);
            }
            for (Entry entry : entries) if (!e.order().contains(entry.entryId())) ordered.add(entry);
            return queue.withEntries(ordered);
        } else {
            QueueEvent.RoundStarted e = (QueueEvent.RoundStarted) event;
            entries.addAll(e.index(), e.entries());
            return queue.withEntries(entries).withRound(e.round());
        }
        return queue.withEntries(entries);
    }

    /** A round is over once none of its entries waits and none of its turns is under way. */
    private static QueueState settleRound(QueueState queue) {
        Round round = queue.round();
        if (round == null) return queue;
        if (queue.current() != null && round.roundId().equals(queue.current().roundId())) return queue;
        for (Entry e : queue.entries()) if (round.roundId().equals(e.roundId())) return queue;
        return queue.withRound(null);
    }
}
