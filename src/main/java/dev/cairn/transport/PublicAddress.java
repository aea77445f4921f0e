package dev.cairn.transport;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Sends a page asked for under another address (localhost, 127.0.0.1, a LAN address) to the one
 * public address, so each person keeps one identity: a browser remembers its memberships per
 * address (origin), and the same room opened under two addresses would otherwise join twice. The
 * fragment of a room link (#invite=…, #join=…) survives the redirect; the API and WebSocket are
 * never redirected. Behind a proxy the original host counts ({@code X-Forwarded-Host}, else {@code Host}).
 */
final class PublicAddress {
    private final String origin;

    PublicAddress(String publicUrl) {
        this.origin = normal(publicUrl);
    }

    /** A page handler: passes the request on when it came in on the public address, else answers 302. */
    void redirect(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (normal(originOf(request)).equals(origin)) {
            ctx.next();
            return;
        }
        ctx.response().setStatusCode(302).putHeader("location", origin + request.uri())
            .putHeader("cache-control", "no-store").end();
    }

    private static String originOf(HttpServerRequest request) {
        String host = first(request.getHeader("x-forwarded-host"));
        if (host == null) return HttpApi.requestOrigin(request);
        String proto = first(request.getHeader("x-forwarded-proto"));
        return (proto == null ? (request.isSSL() ? "https" : "http") : proto) + "://" + host;
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) return null;
        return header.split(",", 2)[0].trim();
    }

    /** Lower case, without the scheme's default port. */
    private static String normal(String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        if (o.startsWith("http://") && o.endsWith(":80")) return o.substring(0, o.length() - 3);
        if (o.startsWith("https://") && o.endsWith(":443")) return o.substring(0, o.length() - 4);
        return o;
    }
}
