package dev.cairn.protocol;

import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.RoomCommand;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.Signal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one list of wire type names, built from {@link Modules}: every room event, client command
 * and signal, plus the frames of the session itself. The protocol reference in docs/protocol.md
 * is checked against it by a test.
 */
public final class Catalogue {
    public static final Map<String, Class<? extends RoomEvent>> EVENTS = new LinkedHashMap<>();
    public static final Map<String, Class<? extends RoomCommand>> COMMANDS = new LinkedHashMap<>();
    public static final Map<String, Class<? extends Signal>> SIGNALS = new LinkedHashMap<>();

    /** Server frames that are not room events; a module's relayed signals add their own types. */
    public static final List<String> SERVER_FRAMES =
        List.of("welcome", "snapshot", "event", "presence", "ack", "error", "pong");

    /** Client frames handled by the connection itself rather than by a module. */
    public static final List<String> SESSION_FRAMES = List.of("hello", "ping");

    /** Every error code an {@code error} frame or an HTTP error body may carry. */
    public static final List<String> ERROR_CODES = List.of("invalid", "unknown_type",
        "unauthenticated", "unauthorized", "forbidden", "not_found", "conflict", "too_large", "rate_limited",
        "room_full", "passcode_required", "wrong_passcode", "unavailable", "internal");

    /** Every WebSocket close code the server uses. */
    public static final List<Integer> CLOSE_CODES = List.of(1001, 1008, 1009, 1011, 1013,
        4000, 4001, 4002, 4004);

    static {
        for (Module<?> module : Modules.ALL) {
            putAll(EVENTS, module.events());
            putAll(COMMANDS, module.commands());
            putAll(SIGNALS, module.signals());
        }
    }

    private Catalogue() {
    }

    private static <T> void putAll(Map<String, T> into, Map<String, T> from) {
        from.forEach((name, type) -> {
            if (into.put(name, type) != null || SESSION_FRAMES.contains(name)) {
                throw new IllegalStateException("wire type " + name + " is declared twice");
            }
        });
    }
}
