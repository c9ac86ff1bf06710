package org.signaltracker.core.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.error.SignalingError;
import org.signaltracker.core.session.CloseCode;

class SignalingHubIdentityTest {

    @Test
    void identifyPutsTheNameOnlineAndCloseReleasesIt() {
        HubFixture f = new HubFixture();
        SignalingConnection alice = f.identified("alice");
        assertSame(alice, f.hub.online("alice"));
        assertEquals("alice", alice.name());
        f.hub.close(alice, f.events);
        assertNull(f.hub.online("alice"));
        assertEquals(0, f.hub.identityCount());
        f.identified("alice"); // free again
    }

    @Test
    void namesFollowTheRule() {
        HubFixture f = new HubFixture();
        for (String bad : new String[] {null, "", "a".repeat(65), "al ice", "al/ice", "é", "a\"b", "a\u0000"}) {
            assertEquals(SignalingError.INVALID_USERNAME, f.hub.identify(f.open(Dialect.NATIVE), bad, null, null,
                    f.events), String.valueOf(bad));
        }
        assertNull(f.hub.identify(f.open(Dialect.NATIVE), "Az09_.-" + "x".repeat(57), null, null, f.events));
    }

    @Test
    void aNameInUseIsRejectedAndTheConnectionMayRetry() {
        HubFixture f = new HubFixture();
        SignalingConnection alice = f.identified("alice");
        SignalingConnection second = f.open(Dialect.NATIVE);
        assertEquals(SignalingError.USERNAME_TAKEN, f.hub.identify(second, "alice", null, null, f.events));
        assertEquals("Username already taken", SignalingError.USERNAME_TAKEN.message());
        assertFalse(second.isIdentified());
        assertNull(f.hub.identify(second, "alice2", null, null, f.events));
        assertSame(alice, f.hub.online("alice"));
        assertEquals(-1, HubFixture.session(alice).closeCode());
    }

    @Test
    void aSecondIdentifyIsRefused() {
        HubFixture f = new HubFixture();
        SignalingConnection alice = f.identified("alice");
        assertEquals(SignalingError.ALREADY_IDENTIFIED, f.hub.identify(alice, "bob", null, null, f.events));
        assertNull(f.hub.online("bob"));
    }

    @Test
    void replaceClosesTheOlderWith4001ItLeavesItsRoomsAndItsLateCloseChangesNothing() {
        HubFixture f = new HubFixture(HubFixture.config("replace", 1000, 1000, ""));
        SignalingConnection old = f.identified("alice");
        SignalingConnection bob = f.identified("bob");
        f.hub.join(old, "room", f.events);
        f.hub.join(bob, "room", f.events);
        f.events.drain();

        SignalingConnection fresh = f.open(Dialect.NATIVE);
        assertNull(f.hub.identify(fresh, "alice", null, null, f.events));
        assertEquals(CloseCode.REPLACED.code(), HubFixture.session(old).closeCode());
        assertEquals("replaced by a newer connection", HubFixture.session(old).closeReason());
        assertEquals(List.of("bob -room alice"), f.events.drain());
        assertEquals(List.of(bob), f.hub.roomMembers("room"));
        assertSame(fresh, f.hub.online("alice"));

        f.hub.close(old, f.events); // the transport reports the old close later
        assertSame(fresh, f.hub.online("alice"));
        assertEquals(List.of(), f.events.drain());
        assertNull(f.hub.join(fresh, "room", f.events), "the new connection starts in no room");
    }

    @Test
    void clientVersionsAreCheckedExactlyWhenListed() {
        HubFixture f = new HubFixture(HubFixture.config("reject", 1000, 1000, "1.0, 2.0"));
        assertEquals(SignalingError.UNSUPPORTED_CLIENT_VERSION,
                f.hub.identify(f.open(Dialect.NATIVE), "a", null, null, f.events));
        assertEquals(SignalingError.UNSUPPORTED_CLIENT_VERSION,
                f.hub.identify(f.open(Dialect.NATIVE), "a", null, "1.0.0", f.events));
        assertEquals(2103, SignalingError.UNSUPPORTED_CLIENT_VERSION.code());
        assertNull(f.hub.identify(f.open(Dialect.NATIVE), "a", null, "2.0", f.events));
        HubFixture any = new HubFixture();
        assertNull(any.hub.identify(any.open(Dialect.NATIVE), "a", null, null, any.events));
        assertNull(any.hub.identify(any.open(Dialect.NATIVE), "b", null, "whatever", any.events));
    }

    @Test
    void hmacNeedsAValidUnexpiredTokenForThatNameAndAValidTokenAlwaysReplaces() {
        AtomicLong now = new AtomicLong(1_700_000_000L);
        HmacAuthenticator auth = new HmacAuthenticator(HubFixture.SECRET, now::get);
        HubFixture f = new HubFixture(SignalingConfig.defaults(), auth);
        String token = TokenMinter.mint(HubFixture.SECRET, "alice", 60, now.get());
        String bobs = TokenMinter.mint(HubFixture.SECRET, "bob", 60, now.get());
        String forged = TokenMinter.mint("another-secret-0123456789abcdef0123", "alice", 60, now.get());
        for (String bad : new String[] {null, "", bobs, forged, "x" + token, token + "x", token.substring(1),
                "0" + token, "abc.def", ".", token.replace('.', '-')}) {
            assertEquals(SignalingError.AUTH_FAILED, f.hub.identify(f.open(Dialect.NATIVE), "alice", bad, null,
                    f.events), String.valueOf(bad));
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            String changed = token.substring(0, i) + (char) (c == 'A' ? 'B' : c == '.' ? '_' : 'A') + token.substring(i + 1);
            assertEquals(SignalingError.AUTH_FAILED, f.hub.identify(f.open(Dialect.NATIVE), "alice", changed, null,
                    f.events), "character " + i + " changed");
        }
        SignalingConnection first = f.open(Dialect.NATIVE);
        assertNull(f.hub.identify(first, "alice", token, null, f.events));
        SignalingConnection second = f.open(Dialect.NATIVE);
        assertNull(f.hub.identify(second, "alice", token, null, f.events), "duplicateName=reject, yet a token replaces");
        assertEquals(4001, HubFixture.session(first).closeCode());
        now.addAndGet(60);
        assertEquals(SignalingError.AUTH_FAILED, f.hub.identify(f.open(Dialect.NATIVE), "alice", token, null, f.events),
                "expired");
    }
}
