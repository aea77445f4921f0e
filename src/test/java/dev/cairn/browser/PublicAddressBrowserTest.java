package dev.cairn.browser;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import static dev.cairn.browser.BoardPage.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one address people reach the board at ({@code publicUrl}): every link starts with it, and a
 * page opened under another address of the same server (127.0.0.1 for localhost) is sent there,
 * so the browser that joined keeps being the same member instead of joining a second time (a
 * browser remembers memberships per address).
 */
class PublicAddressBrowserTest extends BrowserTest {
    private final int port = freePort();

    @Override
    Map<String, String> nodeSettings() {
        return Map.of("CAIRN_HTTP_PORT", Integer.toString(port), "CAIRN_PUBLIC_URL", "http://localhost:" + port);
    }

    @Test
    void linksUseThePublicAddressAndTheSameRoomUnderAnotherAddressIsTheSameMember() {
        String other = "http://127.0.0.1:" + port + "/";
        BoardPage ana = new BoardPage(browsers.desktop());
        // Ana starts at the other address: the landing page sends her to the public one first.
        BoardPage.CreatedRoom room = ana.createRoom(other, "Harbour coalition", "Ana");
        assertTrue(ana.driver().getCurrentUrl().startsWith("http://localhost:" + port + "/"), ana.driver().getCurrentUrl());
        assertTrue(room.roomLink().startsWith("http://localhost:" + port + "/r/"), room.roomLink());
        assertTrue(room.facilitatorLink().startsWith("http://localhost:" + port + "/r/"), room.facilitatorLink());
        ana.openBoard();

        // The same room under 127.0.0.1: the same board, the same member, no join card.
        String roomId = room.roomLink().substring(room.roomLink().lastIndexOf('/') + 1);
        ana.driver().get(other + "r/" + roomId);
        ana.waitUntilLive();
        assertTrue(ana.driver().getCurrentUrl().startsWith("http://localhost:" + port + "/r/" + roomId), ana.driver().getCurrentUrl());
        assertTrue(ana.driver().findElement(testId("join-view")).getDomAttribute("hidden") != null, "no join card");
        until(ana.driver(), d -> d.findElement(testId("members-count")).getText().equals("1 of 1 online"));

        // A facilitator link opened under the other address keeps its key through the redirect.
        BoardPage ben = new BoardPage(browsers.desktop());
        ben.join(room.facilitatorLink().replace("http://localhost:" + port + "/", other), "Ben");
        assertTrue(ben.canRenameRoom(), "Ben joined as a facilitator");

        // The Invite dialog's links come from the server, with the public address.
        ana.driver().findElement(testId("share-button")).click();
        String shown = until(ana.driver(), d -> {
            String v = d.findElement(testId("share-room-link")).getDomProperty("value");
            return v == null || v.isEmpty() ? null : v;
        });
        assertEquals(room.roomLink(), shown);
    }

    @Test
    void withoutAPublicAddressALocalhostLinkIsSharedWithAWarning() {
        // This class's node has a public address; this test starts one without.
        dev.cairn.CairnNode plain = dev.cairn.support.TestNodes.start();
        try {
            BoardPage ana = new BoardPage(browsers.desktop());
            ana.createRoom(plain.url(), "Night shelter rota", "Ana");
            assertTrue(ana.driver().findElement(testId("loopback-warning")).getText().contains("can\u2019t open localhost links"));
            ana.openBoard();
            ana.driver().findElement(testId("share-button")).click();
            until(ana.driver(), d -> d.findElement(testId("loopback-warning")).isDisplayed());
            assertTrue(ana.driver().findElement(testId("share-room-link")).getDomProperty("value").startsWith(plain.url() + "r/"));
        } finally {
            browsers.close();
            dev.cairn.support.TestNodes.stopQuietly(plain);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
