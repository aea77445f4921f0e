package dev.cairn.auth;

import dev.cairn.room.Role;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Member tokens: what is signed verifies, anything altered, expired or signed elsewhere does not. */
class TokenSignerTest {
    private final TokenSigner signer = new TokenSigner("x".repeat(40));
    private final MemberToken ana = new MemberToken("room1", "ana", Role.PARTICIPANT, 10_000);

    @Test
    void signedTokenVerifiesUntilItExpires() {
        String token = signer.sign(ana);
        assertEquals(ana, signer.verify(token, 9_999).orElseThrow());
        assertTrue(signer.verify(token, 10_000).isEmpty());
    }

    @Test
    void alteredForeignOrGarbageTokensAreRejected() {
        String token = signer.sign(ana);
        String body = token.split("\\.")[1];
        String promoted = java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString("room1|ana|facilitator|10000".getBytes());
        assertTrue(signer.verify(token.replace(body, promoted), 0).isEmpty());
        assertTrue(new TokenSigner("y".repeat(40)).verify(token, 0).isEmpty());
        for (String junk : new String[] {null, "", "v1..", "v1.a.b", "v2." + body + ".x", token + ".x", "v1.%%%.%%%"}) {
            assertTrue(signer.verify(junk, 0).isEmpty(), junk);
        }
    }

    @Test
    void aTokenHasOneSpellingOnly() {
        String token = signer.sign(ana);
        for (String variant : new String[] {token + ".", token + "=", token + "==", token + "\n", " " + token,
            token.replace("v1.", "v1.."), token.substring(0, token.lastIndexOf('.')) + "." + token.substring(token.lastIndexOf('.') + 1) + "A"}) {
            assertTrue(signer.verify(variant, 0).isEmpty(), "accepted a re-spelled token: " + variant);
        }
    }

    @Test
    void aValidlySignedTokenWithClaimsThatMakeNoSenseIsRefusedNotThrown() {
        for (String claims : new String[] {"room1|ana|admin|10000", "room1|ana|participant|soon", "room1|ana|participant|",
            "|ana|participant|10000", "room1||participant|10000"}) {
            String body = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes());
            String forged = "v1." + body + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac("token:" + body));
            assertTrue(signer.verify(forged, 0).isEmpty(), claims);
        }
    }

    private static byte[] hmac(String data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec("x".repeat(40).getBytes(), "HmacSHA256"));
            return mac.doFinal(data.getBytes());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void facilitatorInviteIsBoundToItsRoom() {
        String key = signer.inviteKey("room1", Role.FACILITATOR);
        assertTrue(signer.checkInvite("room1", Role.FACILITATOR, key));
        assertFalse(signer.checkInvite("room2", Role.FACILITATOR, key));
        assertFalse(signer.checkInvite("room1", Role.FACILITATOR, null));
    }
}
