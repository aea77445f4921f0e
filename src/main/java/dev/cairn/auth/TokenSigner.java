package dev.cairn.auth;

import dev.cairn.room.Role;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Issues and checks HMAC-SHA256 signed member tokens and the invite keys of facilitator links.
 * Every node of a deployment signs with the same secret, so a token from one node works on all.
 */
public final class TokenSigner {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private final byte[] secret;

    public TokenSigner(String secret) {
        if (secret == null || secret.length() < 32) throw new IllegalArgumentException("secret must be 32+ characters");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code v1.<payload>.<signature>} where payload is {@code room|member|role|expiresAt}. */
    public String sign(MemberToken token) {
        String payload = String.join("|", token.roomId(), token.memberId(), token.role().wire(),
            Long.toString(token.expiresAt()));
        String body = B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return "v1." + body + "." + B64.encodeToString(mac("token:" + body));
    }

    /**
     * The token's claims if its signature holds, its claims make sense and it has not expired at
     * {@code now}. A token has one spelling only: the claims are signed again and the result must
     * equal the token character for character (no padding, no trailing dots, no other encoding).
     */
    public Optional<MemberToken> verify(String token, long now) {
        if (token == null || token.length() > 512) return Optional.empty();
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || !parts[0].equals("v1")) return Optional.empty();
        byte[] given;
        String[] claims;
        try {
            given = B64D.decode(parts[2]);
            claims = new String(B64D.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(given, mac("token:" + parts[1]))) return Optional.empty();
        MemberToken parsed = claims(claims);
        if (parsed == null || parsed.expiresAt() <= now) return Optional.empty();
        if (!MessageDigest.isEqual(sign(parsed).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(parsed);
    }

    /** The claims of a signed payload, or null when they make no sense (signed by a future or buggy version). */
    private static MemberToken claims(String[] claims) {
        if (claims.length != 4 || claims[0].isEmpty() || claims[1].isEmpty()) return null;
        try {
            return new MemberToken(claims[0], claims[1], Role.fromWire(claims[2]), Long.parseLong(claims[3]));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The secret part of a room's facilitator link; whoever holds it may join as facilitator. */
    public String inviteKey(String roomId, Role role) {
        return inviteKey(roomId, role, 0);
    }

    /**
     * The key of a room's link for {@code role} at {@code generation}: a facilitator who makes a new
     * link moves the generation on, and every key of an earlier generation stops matching.
     */
    public String inviteKey(String roomId, Role role, int generation) {
        String data = "invite:" + roomId + ":" + role.wire() + (generation == 0 ? "" : ":" + generation);
        return B64.encodeToString(java.util.Arrays.copyOf(mac(data), 18));
    }

    public boolean checkInvite(String roomId, Role role, String key) {
        return checkInvite(roomId, role, 0, key);
    }

    public boolean checkInvite(String roomId, Role role, int generation, String key) {
        if (key == null) return false;
        return MessageDigest.isEqual(inviteKey(roomId, role, generation).getBytes(StandardCharsets.UTF_8),
            key.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
