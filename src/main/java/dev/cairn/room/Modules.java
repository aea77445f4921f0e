package dev.cairn.room;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The one list of modules: membership first, then every feature named in
 * {@code META-INF/services/dev.cairn.room.Module} (one line per feature). The catalogue of wire
 * types, the JSON encoding, the rules' dispatch and the protocol-doc test are all built from it.
 */
public final class Modules {
    /** Every module, membership first; immutable. */
    public static final List<Module<?>> ALL = discover();

    private static final Map<Class<?>, Module<?>> BY_COMMAND = new HashMap<>();
    private static final Map<Class<?>, Module<?>> BY_EVENT = new HashMap<>();
    private static final Map<Class<?>, Module<?>> BY_SIGNAL = new HashMap<>();

    static {
        for (Module<?> module : ALL) {
            module.commands().values().forEach(type -> register(BY_COMMAND, type, module));
            module.events().values().forEach(type -> register(BY_EVENT, type, module));
            module.signals().values().forEach(type -> register(BY_SIGNAL, type, module));
        }
    }

    private Modules() {
    }

    private static List<Module<?>> discover() {
        List<Module<?>> all = new ArrayList<>();
        all.add(MembershipModule.INSTANCE);
        for (Module<?> module : ServiceLoader.load(Module.class)) {
            if (all.stream().anyMatch(m -> m.key().equals(module.key()))) {
                throw new IllegalStateException("two modules use the key " + module.key());
            }
            all.add(module);
        }
        return List.copyOf(all);
    }

    private static void register(Map<Class<?>, Module<?>> index, Class<?> type, Module<?> module) {
        if (index.put(type, module) != null) throw new IllegalStateException(type + " is declared by two modules");
    }

    public static Module<?> forCommand(RoomCommand command) {
        return find(BY_COMMAND, command.getClass());
    }

    public static Module<?> forEvent(RoomEvent event) {
        return find(BY_EVENT, event.getClass());
    }

    public static Module<?> forSignal(Signal signal) {
        return find(BY_SIGNAL, signal.getClass());
    }

    public static Module<?> byKey(String key) {
        for (Module<?> module : ALL) if (module.key().equals(key)) return module;
        return null;
    }

    private static Module<?> find(Map<Class<?>, Module<?>> index, Class<?> type) {
        Module<?> module = index.get(type);
        if (module == null) throw new Rejection("unknown_type", "no module declares " + type.getSimpleName());
        return module;
    }

    /** The form of {@code event} the archive keeps, when it differs from the event (it is sealed); else null. */
    public static Sequenced archivedForm(Sequenced event) {
        return forEvent(event.event()).archived(event);
    }

    /** The seqs of sealed events that {@code event} erases; {@code before} is the room just before it. */
    public static List<Long> erasedBy(Sequenced event, RoomState before) {
        return forEvent(event.event()).erases(event, before);
    }

    /** Whether any module has parts only some viewers may see (if not, one frame fits everyone). */
    public static final boolean ANY_PRIVATE = ALL.stream().anyMatch(Module::hasPrivateParts);

    /** The earliest deadline of any module in this room, with its module's key; null if none. */
    public static Due earliest(RoomState room) {
        Due best = null;
        for (Module<?> module : ALL) {
            for (Deadline d : deadlinesOf(module, room)) {
                if (best == null || d.at() < best.deadline().at()) best = new Due(module.key(), d);
            }
        }
        return best;
    }

    private static <S> List<Deadline> deadlinesOf(Module<S> module, RoomState room) {
        return module.deadlines(module.part(room));
    }

    /** A deadline and the module it belongs to. */
    public record Due(String module, Deadline deadline) {
    }
}
