package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.auth.Ids;
import dev.cairn.auth.MemberToken;
import dev.cairn.protocol.Wire;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.store.CommitResult;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The HTTP side of a node: create and join rooms, health. Answers are JSON; errors carry a code. */
final class HttpApi {
    private static final int MAX_BODY = 16 * 1024;

    private final Node node;
    private final LiveRooms rooms;
    private final RoomAffinity affinity;
    private final Supplier<Future<Boolean>> probe;

    HttpApi(Node node, LiveRooms rooms, RoomAffinity affinity, Supplier<Future<Boolean>> redisProbe) {
        this.node = node;
        this.affinity = affinity;
        this.rooms = rooms;
        this.probe = redisProbe;
    }

    void mount(Router router) {
        router.post("/api/*").handler(BodyHandler.create().setBodyLimit(MAX_BODY));
        router.post("/api/rooms").handler(this::createRoom);
        router.get("/api/rooms/:id").handler(this::describeRoom);
        router.post("/api/rooms/:id/members").handler(this::joinRoom);
        router.get("/api/rooms/:id/history").handler(this::history);
        router.get("/health").handler(this::health);
        router.route("/api/*").failureHandler(this::failure);
    }

    /** Opens a room; the creator becomes its first facilitator. */
    private void createRoom(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) return;
        String roomId = Ids.room();
        String memberId = Ids.member();
        List<RoomEvent> events;
        try {
            events = node.rules().create(roomId, body.path("title").asText(null), memberId, body.path("name").asText(null));
        } catch (Rejection r) {
            reply(ctx, 400, error(r.code(), r.getMessage()));
            return;
        }
        RoomState state = RoomState.empty(roomId);
        List<String> frames = new ArrayList<>();
        long now = node.now();
        for (RoomEvent event : events) {
            Sequenced sequenced = new Sequenced(state.seq() + 1, now, memberId, event);
            state = state.apply(sequenced);
            frames.add(Wire.encode(sequenced));
        }
        RoomState created = state;
        node.store().commit(roomId, 0, frames, List.of(), Map.of(), Wire.encode(created)).onComplete(done -> {
            if (done.failed()) {
                reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
            } else if (!(done.result() instanceof CommitResult.Committed)) {
                reply(ctx, 409, error("conflict", "room id already taken, try again"));
            } else {
                Map<String, Object> out = membership(roomId, memberId, Role.FACILITATOR);
                out.put("title", created.title());
                out.put("facilitatorPath", "/r/" + roomId + "#invite=" + node.signer().inviteKey(roomId, Role.FACILITATOR));
                reply(ctx, 201, out);
            }
        });
    }

    /** What a join page may show before joining: the title and whether the room exists. */
    private void describeRoom(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        if (!Ids.isRoomId(roomId)) {
            reply(ctx, 404, error("not_found", "no such room"));
            return;
        }
        affinity.room(roomId).onComplete(done -> {
            if (done.failed()) {
                reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
            } else if (!done.result().state().exists()) {
                reply(ctx, 404, error("not_found", "no such room"));
            } else {
                RoomState s = done.result().state();
                reply(ctx, 200, Map.of("roomId", roomId, "title", s.title(), "members", s.members().size()));
            }
        });
    }

    /** Joins by link: participant by default, observer on request, facilitator with the facilitator link's key. */
    private void joinRoom(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        JsonNode body = body(ctx);
        if (body == null) return;
        if (!Ids.isRoomId(roomId)) {
            reply(ctx, 404, error("not_found", "no such room"));
            return;
        }
        String invite = body.path("invite").asText(null);
        Role role = body.path("observer").asBoolean(false) ? Role.OBSERVER : Role.PARTICIPANT;
        if (invite != null && !invite.isEmpty()) {
            if (!node.signer().checkInvite(roomId, Role.FACILITATOR, invite)) {
                reply(ctx, 403, error("forbidden", "this facilitator link is not valid for this room"));
                return;
            }
            role = Role.FACILITATOR;
        }
        String memberId = Ids.member();
        String name = body.path("name").asText(null);
        Role granted = role;
        affinity.room(roomId).compose(room -> room.submit(Submission.of(memberId, null,
                (state, history) -> node.rules().join(state, memberId, name, granted))))
            .onComplete(done -> {
                if (done.succeeded()) {
                    reply(ctx, 201, membership(roomId, memberId, granted));
                } else if (done.cause() instanceof Rejection r) {
                    int status = switch (r.code()) {
                        case "not_found" -> 404;
                        case "forbidden" -> 403;
                        case "room_full", "conflict" -> 409;
                        case "unavailable" -> 503;
                        default -> 400;
                    };
                    reply(ctx, status, error(r.code(), r.getMessage()));
                } else {
                    reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                }
            });
    }

    /**
     * The room's permanent history (every purpose edit, as event frames), for members only: send the
     * member token as {@code Authorization: Bearer <token>}. {@code from} and {@code limit} page it.
     */
    private void history(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        String auth = ctx.request().getHeader("authorization");
        var token = auth != null && auth.startsWith("Bearer ")
            ? node.signer().verify(auth.substring(7).trim(), node.now()) : java.util.Optional.<MemberToken>empty();
        if (token.isEmpty() || !token.get().roomId().equals(roomId)) {
            reply(ctx, 401, error("unauthorized", "send your member token for this room as a Bearer token"));
            return;
        }
        long from;
        int limit;
        try {
            from = Long.parseLong(ctx.request().getParam("from", "0"));
            limit = Integer.parseInt(ctx.request().getParam("limit", "5000"));
        } catch (NumberFormatException e) {
            reply(ctx, 400, error("invalid", "from and limit must be whole numbers"));
            return;
        }
        if (from < 0 || limit < 1 || limit > 5000) {
            reply(ctx, 400, error("invalid", "from must be ≥ 0 and limit between 1 and 5000"));
            return;
        }
        node.store().history(roomId, from, limit).onComplete(done -> {
            if (done.failed()) {
                reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                return;
            }
            StringBuilder body = new StringBuilder("{\"from\":").append(from).append(",\"entries\":[");
            for (int i = 0; i < done.result().size(); i++) body.append(i == 0 ? "" : ",").append(done.result().get(i));
            send(ctx, 200, body.append("]}").toString());
        });
    }

    private Map<String, Object> membership(String roomId, String memberId, Role role) {
        long expires = node.now() + Duration.ofDays(node.settings().limits().tokenTtlDays()).toMillis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", roomId);
        out.put("memberId", memberId);
        out.put("role", role.wire());
        out.put("token", node.signer().sign(new MemberToken(roomId, memberId, role, expires)));
        out.put("expiresAt", expires);
        out.put("roomPath", "/r/" + roomId);
        return out;
    }

    private void health(RoutingContext ctx) {
        probe.get().onComplete(up -> {
            boolean redis = up.succeeded() && up.result();
            reply(ctx, 200, Map.of("status", "ok", "redis", redis ? "up" : "down", "node", node.nodeId(),
                "connections", rooms.connectionCount()));
        });
    }

    private JsonNode body(RoutingContext ctx) {
        try {
            JsonNode body = Wire.MAPPER.readTree(ctx.body().asString());
            if (body != null && body.isObject()) return body;
        } catch (Exception ignored) {
            // answered below
        }
        reply(ctx, 400, error("invalid", "the request body must be a JSON object"));
        return null;
    }

    private void failure(RoutingContext ctx) {
        if (ctx.statusCode() == 413) {
            reply(ctx, 413, error("too_large", "request bodies may be at most " + MAX_BODY + " bytes"));
        } else {
            reply(ctx, ctx.statusCode() > 0 ? ctx.statusCode() : 500, error("internal", "request failed"));
        }
    }

    private static Map<String, Object> error(String code, String message) {
        return Map.of("code", code, "message", message);
    }

    private static void reply(RoutingContext ctx, int status, Object body) {
        send(ctx, status, Wire.write(body));
    }

    /**
     * Answers on the request's own event loop: the work behind an answer often ran on the room's
     * loop or arrived with a Redis reply, and a response must not be written from another thread.
     */
    private static void send(RoutingContext ctx, int status, String json) {
        Loop loop = ctx.get(LOOP);
        Runnable write = () -> {
            HttpServerResponse response = ctx.response();
            if (response.ended()) return;
            response.setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(json);
        };
        if (loop == null) write.run();
        else loop.run(write);
    }

    /** Routing-context key of the request's {@link Loop}, set by the first handler. */
    static final String LOOP = "cairn.loop";
}
