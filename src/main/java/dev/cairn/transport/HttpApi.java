package dev.cairn.transport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.access.AccessModule;
import dev.cairn.auth.Ids;
import dev.cairn.auth.MemberToken;
import dev.cairn.protocol.Wire;
import dev.cairn.record.RecordReader;
import dev.cairn.record.RoomRecord;
import dev.cairn.room.Rejection;
import dev.cairn.room.Role;
import dev.cairn.room.RoomEvent;
import dev.cairn.room.RoomState;
import dev.cairn.room.Sequenced;
import dev.cairn.room.Module;
import dev.cairn.room.Modules;
import dev.cairn.room.Viewer;
import dev.cairn.store.Commit;
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

/**
 * The HTTP side of a node: create and join rooms, what a join page may show, the read routes of
 * the modules, and health. Answers are JSON; errors carry a code.
 */
final class HttpApi {
    private static final int MAX_BODY = 16 * 1024;
    private static final int MAX_PAGE = 5000;

    private final Node node;
    private final RoomAffinity affinity;
    private final AddressLimits addressLimits;
    private final Supplier<Future<Boolean>> probe;

    HttpApi(Node node, RoomAffinity affinity, AddressLimits addressLimits, Supplier<Future<Boolean>> redisProbe) {
        this.node = node;
        this.affinity = affinity;
        this.addressLimits = addressLimits;
        this.probe = redisProbe;
    }

    void mount(Router router) {
        router.post("/api/*").handler(this::requireJson);
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
        router.post("/api/rooms").handler(this::createRoom);
        router.get("/api/rooms/:id").handler(this::describeRoom);
        router.post("/api/rooms/:id/members").handler(this::joinRoom);
        router.get("/api/rooms/:id/links").handler(this::currentLinks);
        router.get("/api/rooms/:id/record").handler(ctx -> record(ctx, RecordForm.JSON));
        router.get("/api/rooms/:id/record.md").handler(ctx -> record(ctx, RecordForm.MARKDOWN));
        router.get("/api/rooms/:id/record/blocks").handler(ctx -> record(ctx, RecordForm.BLOCKS));
        for (Module<?> module : Modules.ALL) {
            module.listRoutes().forEach((route, list) ->
                router.get("/api/rooms/:id/" + route).handler(ctx -> listPage(ctx, list)));
        }
        router.get("/health").handler(this::health);
        router.route("/api/*").failureHandler(this::failure);
    }

    /**
     * Only bodies declared as JSON are read: a form or {@code text/plain} post is what any web page
     * may make a visitor's browser send without asking, so it must not create or join rooms.
     */
    private void requireJson(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (mime.equals("application/json")) {
            ctx.next();
        } else {
            reply(ctx, 415, error("unsupported_media_type", "send the request body as JSON (Content-Type: application/json)"));
        }
    }

    /** Opens a room; the creator becomes its first facilitator. */
    private void createRoom(RoutingContext ctx) {
        withinLimit(ctx, "create", node.settings().limits().createsPerMinute(), "rooms created", () -> createWithin(ctx));
    }

    private void createWithin(RoutingContext ctx) {
        JsonNode body = body(ctx);
        if (body == null) return;
        String roomId = Ids.room();
        String memberId = Ids.member();
        List<RoomEvent> events;
        try {
            events = node.rules().create(roomId, text(body, "title"), memberId, text(body, "name"));
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
        node.store().commit(Commit.plain(roomId, 0, frames, List.of(), List.of(), Wire.encode(created), Commit.DUE_UNCHANGED))
            .onComplete(done -> {
                if (done.failed()) {
                    reply(ctx, 503, error("unavailable", dev.cairn.store.RedisRoomStore.isFull(done.cause())
                        ? "the server's storage is full: no room was made" : "storage is unavailable, try again"));
                } else if (!(done.result() instanceof CommitResult.Committed)) {
                    reply(ctx, 409, error("conflict", "room id already taken, try again"));
                } else {
                    node.store().opened(roomId, now);
                    Map<String, Object> out = membership(ctx, roomId, memberId, Role.FACILITATOR);
                    out.put("title", created.title());
                    String facilitatorPath = "/r/" + roomId + "#invite=" + node.signer().inviteKey(roomId, Role.FACILITATOR);
                    out.put("facilitatorPath", facilitatorPath);
                    out.put("facilitatorUrl", base(ctx) + facilitatorPath);
                    reply(ctx, 201, out);
                }
            });
    }

    /**
     * Whether a room exists, from one read of its seq: an unknown id is answered 404 without
     * loading, subscribing or keeping a live room for it.
     */
    private Future<Boolean> exists(String roomId) {
        return node.store().probe(roomId, 0).map(p -> p.seq() > 0);
    }

    /** What a join page may show before joining: the title and how many members. */
    private void describeRoom(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        if (!Ids.isRoomId(roomId)) {
            reply(ctx, 404, error("not_found", "no such room"));
            return;
        }
        exists(roomId).compose(found -> found
                ? affinity.withRoom(roomId, room -> Future.succeededFuture(room.replica().state()))
                : Future.<RoomState>succeededFuture(null))
            .onComplete(done -> {
                if (done.failed()) {
                    reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                } else if (done.result() == null || !done.result().exists()) {
                    reply(ctx, 404, error("not_found", "no such room"));
                } else {
                    RoomState s = done.result();
                    reply(ctx, 200, Map.of("roomId", roomId, "title", s.title(), "members", s.memberCount(),
                        "passcode", AccessModule.of(s).passcode() != null));
                }
            });
    }

    /** Joins by link: participant by default, observer on request, facilitator with the facilitator link's key. */
    private void joinRoom(RoutingContext ctx) {
        withinLimit(ctx, "join", node.settings().limits().joinsPerMinute(), "joins", () -> joinWithin(ctx));
    }

    private void joinWithin(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        JsonNode body = body(ctx);
        if (body == null) return;
        if (!Ids.isRoomId(roomId)) {
            reply(ctx, 404, error("not_found", "no such room"));
            return;
        }
        String invite;
        String key;
        String passcode;
        Role role;
        String name;
        try {
            invite = text(body, "invite");
            key = text(body, "key");
            passcode = text(body, "passcode");
            role = flag(body, "observer") ? Role.OBSERVER : Role.PARTICIPANT;
            name = text(body, "name");
        } catch (Rejection r) {
            reply(ctx, 400, error(r.code(), r.getMessage()));
            return;
        }
        if (invite != null && !invite.isEmpty()) role = Role.FACILITATOR;
        String memberId = Ids.member();
        Role granted = role;
        // The link is checked against the room's current links in the same step as the join, so a
        // link rotated a moment ago on another node no longer lets anyone in.
        exists(roomId).compose(found -> {
                if (!found) return Future.failedFuture(Rejection.notFound("room " + roomId + " does not exist"));
                return affinity.withRoom(roomId, room -> room.submit(Submission.of(memberId, null, (state, history) -> {
                    checkLink(state, granted, invite, key, passcode);
                    return node.rules().join(state, memberId, name, granted);
                })));
            })
            .onComplete(done -> {
                if (done.succeeded()) {
                    reply(ctx, 201, membership(ctx, roomId, memberId, granted));
                } else if (done.cause() instanceof Rejection r) {
                    int status = switch (r.code()) {
                        case "not_found" -> 404;
                        case "forbidden", "passcode_required", "wrong_passcode" -> 403;
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
     * Refuses a join whose link is not the room's current one (a facilitator made a new one), or
     * that lacks the room's passcode (the facilitator link needs none).
     */
    private void checkLink(RoomState state, Role role, String invite, String key, String passcode) {
        AccessModule.Access access = AccessModule.of(state);
        if (role == Role.FACILITATOR) {
            if (!node.signer().checkInvite(state.id(), Role.FACILITATOR, access.facilitatorLink(), invite)) {
                throw Rejection.forbidden("this facilitator link is not valid for this room (a facilitator may have made a new one)");
            }
        } else if (access.roomLink() > 0 && !node.signer().checkInvite(state.id(), Role.PARTICIPANT, access.roomLink(), key)) {
            throw Rejection.forbidden("this room link is no longer valid: ask a facilitator for the current one");
        }
        if (role != Role.FACILITATOR && !access.admits(passcode)) {
            throw passcode == null || passcode.isBlank()
                ? new Rejection("passcode_required", "this room asks for its passcode: a facilitator can tell you")
                : new Rejection("wrong_passcode", "that is not this room's passcode");
        }
    }

    /**
     * The room's current links, as paths and as whole addresses ({@link #base}): the room link for
     * every member, the facilitator link for facilitators.
     */
    private Map<String, Object> links(RoutingContext ctx, RoomState state, Role role) {
        AccessModule.Access access = AccessModule.of(state);
        String roomPath = "/r/" + state.id();
        Map<String, Object> out = new LinkedHashMap<>();
        String room = access.roomLink() == 0 ? roomPath
            : roomPath + "#join=" + node.signer().inviteKey(state.id(), Role.PARTICIPANT, access.roomLink());
        out.put("roomPath", room);
        out.put("roomUrl", base(ctx) + room);
        if (role == Role.FACILITATOR) {
            String facilitator = roomPath + "#invite=" + node.signer().inviteKey(state.id(), Role.FACILITATOR, access.facilitatorLink());
            out.put("facilitatorPath", facilitator);
            out.put("facilitatorUrl", base(ctx) + facilitator);
            out.put("passcode", access.passcode());
        } else {
            out.put("passcode", access.passcode() == null ? null : "");
        }
        out.put("publicUrl", node.settings().hasPublicUrl());
        return out;
    }

    /**
     * Where every link the server hands out starts: the {@code publicUrl} setting, else the address
     * this request came in on (its scheme and Host), which is only right for people who reach the
     * server the same way.
     */
    private String base(RoutingContext ctx) {
        if (node.settings().hasPublicUrl()) return node.settings().publicUrl();
        return requestOrigin(ctx.request());
    }

    /** {@code http://host:port} of a request, from its scheme and Host header. */
    static String requestOrigin(io.vertx.core.http.HttpServerRequest request) {
        var authority = request.authority();
        String scheme = request.isSSL() ? "https" : "http";
        if (authority == null) return scheme + "://localhost";
        String host = authority.host();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) host = "[" + host + "]";
        return scheme + "://" + host + (authority.port() > 0 ? ":" + authority.port() : "");
    }

    /**
     * {@code GET /api/rooms/{id}/links}: the current links, for a member of the room (Bearer token;
     * the role is the member's current one, so a facilitator promoted later gets the facilitator link).
     */
    private void currentLinks(RoutingContext ctx) {
        String roomId = ctx.pathParam("id");
        var token = bearer(ctx);
        if (token.isEmpty() || !token.get().roomId().equals(roomId)) {
            reply(ctx, 401, error("unauthorized", "send your member token for this room as a Bearer token"));
            return;
        }
        affinity.withRoom(roomId, room -> Future.succeededFuture(room.replica().state())).onComplete(done -> {
            if (done.failed()) {
                reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                return;
            }
            var member = done.result().member(token.get().memberId());
            if (member == null || !member.role().isMember()) {
                reply(ctx, 403, error("forbidden", "you are not a member of this room"));
            } else {
                reply(ctx, 200, links(ctx, done.result(), member.role()));
            }
        });
    }

    private java.util.Optional<MemberToken> bearer(RoutingContext ctx) {
        String auth = ctx.request().getHeader("authorization");
        return auth != null && auth.startsWith("Bearer ")
            ? node.signer().verify(auth.substring(7).trim(), node.now()) : java.util.Optional.empty();
    }

    /**
     * A module's read route: pages through one of its projection lists and answers the archived
     * event frames it names, for members only (member token as {@code Authorization: Bearer <token>}),
     * each as that member may see it. {@code from} and {@code limit} page it; entry i is item from + i.
     */
    private void listPage(RoutingContext ctx, String list) {
        String roomId = ctx.pathParam("id");
        var token = bearer(ctx);
        if (token.isEmpty() || !token.get().roomId().equals(roomId)) {
            reply(ctx, 401, error("unauthorized", "send your member token for this room as a Bearer token"));
            return;
        }
        long from;
        int limit;
        try {
            from = Long.parseLong(ctx.request().getParam("from", "0"));
            limit = Integer.parseInt(ctx.request().getParam("limit", Integer.toString(MAX_PAGE)));
        } catch (NumberFormatException e) {
            reply(ctx, 400, error("invalid", "from and limit must be whole numbers"));
            return;
        }
        if (from < 0 || limit < 1 || limit > MAX_PAGE) {
            reply(ctx, 400, error("invalid", "from must be ≥ 0 and limit between 1 and " + MAX_PAGE));
            return;
        }
        // The member's current role, not the one in the token: a removed member reads nothing.
        String memberId = token.get().memberId();
        affinity.withRoom(roomId, room -> Future.succeededFuture(room.replica().state().member(memberId)))
            .compose(member -> member == null || !member.role().isMember()
                ? Future.<Page>failedFuture(Rejection.forbidden("you are not a member of this room"))
                : node.store().list(roomId, list, from, limit)
                    .compose(seqs -> node.store().archived(roomId, seqs.stream().map(Long::parseLong).toList()))
                    .map(frames -> new Page(Viewer.of(member), frames)))
            .onComplete(done -> {
                if (done.failed() && done.cause() instanceof Rejection r) {
                    reply(ctx, 403, error(r.code(), r.getMessage()));
                    return;
                } else if (done.failed()) {
                    reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                    return;
                }
                StringBuilder body = new StringBuilder("{\"from\":").append(from).append(",\"entries\":[");
                List<String> frames = done.result().frames();
                Viewer viewer = done.result().viewer();
                for (int i = 0; i < frames.size(); i++) body.append(i == 0 ? "" : ",").append(seenBy(frames.get(i), viewer));
                send(ctx, 200, body.append("]}").toString());
            });
    }

    /** The forms a meeting record is downloaded in. */
    private enum RecordForm { JSON, MARKDOWN, BLOCKS }

    /** A meeting id as the meeting module makes them ("m" and a seq); anything else names no meeting. */
    private static final java.util.regex.Pattern MEETING_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,40}");

    /**
     * {@code GET /api/rooms/{id}/record[.md|/blocks]?meeting=<id>}: the record of one meeting, or
     * of the whole room without {@code meeting}, built from the room's whole archive for a member
     * (Bearer token; the current role, so a removed member reads nothing), as JSON, Markdown or
     * the printable page's blocks. The live room is only asked who the reader is, on its own loop.
     */
    private void record(RoutingContext ctx, RecordForm form) {
        String roomId = ctx.pathParam("id");
        var token = bearer(ctx);
        if (token.isEmpty() || !token.get().roomId().equals(roomId)) {
            reply(ctx, 401, error("unauthorized", "send your member token for this room as a Bearer token"));
            return;
        }
        String meeting = ctx.request().getParam("meeting");
        if (meeting != null && meeting.isEmpty()) meeting = null;
        if (meeting != null && !MEETING_ID.matcher(meeting).matches()) {
            reply(ctx, 404, error("not_found", "no such meeting in this room"));
            return;
        }
        String meetingId = meeting;
        String memberId = token.get().memberId();
        affinity.withRoom(roomId, room -> Future.succeededFuture(room.replica().state().member(memberId)))
            .compose(member -> member == null || !member.role().isMember()
                ? Future.<RoomRecord>failedFuture(Rejection.forbidden("you are not a member of this room"))
                : new RecordReader(node.vertx(), node.store()).read(roomId, Viewer.of(member), meetingId, node.now()))
            .onComplete(done -> {
                if (done.failed() && done.cause() instanceof Rejection r) {
                    reply(ctx, "not_found".equals(r.code()) ? 404 : 403, error(r.code(), r.getMessage()));
                } else if (done.failed()) {
                    reply(ctx, 503, error("unavailable", "storage is unavailable, try again"));
                } else if (form == RecordForm.MARKDOWN) {
                    RoomRecord record = done.result();
                    send(ctx, 200, "text/markdown; charset=utf-8", "attachment; filename=\"" + fileName(record) + "\"",
                        record.markdown());
                } else {
                    reply(ctx, 200, form == RecordForm.JSON ? done.result().json() : done.result().blocks());
                }
            });
    }

    /** {@code record-<title>-<meeting or room>.md}, in letters, digits and dashes only. */
    private static String fileName(RoomRecord record) {
        String title = record.title() == null ? "" : java.text.Normalizer.normalize(record.title(), java.text.Normalizer.Form.NFKD)
            .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (title.length() > 40) title = title.substring(0, 40).replaceAll("-+$", "");
        String span = record.meeting() == null ? "room" : "meeting-" + record.meeting().number();
        return "record-" + (title.isEmpty() ? record.roomId() : title) + "-" + span + ".md";
    }

    /** One page of a read route, and whom it is for. */
    private record Page(Viewer viewer, List<String> frames) {
    }

    /** An archived frame as {@code viewer} may see it (decoded only when some module keeps private parts). */
    private static String seenBy(String frame, Viewer viewer) {
        if (!Modules.ANY_PRIVATE) return frame;
        return Delivery.frameFor(List.of(Entry.of(frame, Wire.decodeEvent(Wire.tree(frame)))), viewer);
    }

    private Map<String, Object> membership(RoutingContext ctx, String roomId, String memberId, Role role) {
        long expires = node.now() + Duration.ofDays(node.settings().limits().tokenTtlDays()).toMillis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("roomId", roomId);
        out.put("memberId", memberId);
        out.put("role", role.wire());
        out.put("token", node.signer().sign(new MemberToken(roomId, memberId, role, expires)));
        out.put("expiresAt", expires);
        out.put("roomPath", "/r/" + roomId);
        out.put("roomUrl", base(ctx) + "/r/" + roomId);
        return out;
    }

    private void health(RoutingContext ctx) {
        probe.get().onComplete(up -> {
            boolean redis = up.succeeded() && up.result();
            reply(ctx, 200, Map.of("status", "ok", "redis", redis ? "up" : "down", "node", node.nodeId(),
                "connections", affinity.connectionCount()));
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

    /**
     * Runs {@code then} if the client's address may do this once more now, by this node's count and
     * then by the deployment's (in Redis, so N nodes do not give N times the budget); answers
     * {@code 429 rate_limited} with {@code Retry-After} otherwise. Anonymous creation and joining are
     * what anyone can flood. Should Redis not answer, this node's count alone decides: the request
     * then meets the same Redis and is answered {@code 503} there.
     */
    private void withinLimit(RoutingContext ctx, String action, int perMinute, String what, Runnable then) {
        String client = addressLimits.clientOf(ctx.request());
        long now = node.now();
        if (!addressLimits.allow(action, client, perMinute, now)) {
            refuse(ctx, perMinute, what);
            return;
        }
        if (!node.health().up()) {
            then.run(); // Redis is known to be away: no wait on it here, the request is answered 503 where it needs Redis
            return;
        }
        node.store().takeAddressBudget(action, client, perMinute, now).onComplete(done -> node.loop().run(() -> {
            if (done.succeeded() && !done.result()) refuse(ctx, perMinute, what);
            else then.run();
        }));
    }

    private void refuse(RoutingContext ctx, int perMinute, String what) {
        ctx.response().putHeader("retry-after", Long.toString(Math.max(1, (long) Math.ceil(60.0 / perMinute))));
        reply(ctx, 429, error("rate_limited", "too many " + what + " from your address (at most " + perMinute
            + " a minute); try again shortly"));
    }

    /** A text field of a request body, or null when absent; anything but text is invalid, not converted. */
    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return null;
        if (!value.isTextual()) throw Rejection.invalid(field + " must be text");
        return value.textValue();
    }

    /** A true/false field of a request body, false when absent; anything else is invalid. */
    private static boolean flag(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw Rejection.invalid(field + " must be true or false");
        return value.booleanValue();
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
        send(ctx, status, "application/json; charset=utf-8", null, json);
    }

    /** Answers {@code body} as {@code contentType}, as a download named by {@code disposition} when it is set. */
    private static void send(RoutingContext ctx, int status, String contentType, String disposition, String body) {
        Loop loop = ctx.get(LOOP);
        Runnable write = () -> {
            HttpServerResponse response = ctx.response();
            if (response.ended()) return;
            if (disposition != null) response.putHeader("content-disposition", disposition);
            response.setStatusCode(status).putHeader("content-type", contentType)
                .putHeader("cache-control", "no-store").end(body);
        };
        if (loop == null) write.run();
        else loop.run(write);
    }

    /** Routing-context key of the request's {@link Loop}, set by the first handler. */
    static final String LOOP = "cairn.loop";
}
