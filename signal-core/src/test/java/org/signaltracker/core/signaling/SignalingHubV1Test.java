package org.signaltracker.core.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.error.SignalingError;

class SignalingHubV1Test {

    private final HubFixture f = new HubFixture(HubFixture.config("reject", 1000, 1000, ""));

    @Test
    void registerGivesASignedCookieAndTheNameIsTaken() {
        SignalingHub.Registration ok = f.hub.register("carol");
        assertEquals(200, ok.httpStatus());
        assertTrue(ok.cookieValue().startsWith("carol."), ok.cookieValue());
        assertEquals("carol", f.hub.registeredUser(ok.cookieValue()));
        assertEquals(409, f.hub.register("carol").httpStatus());
        assertEquals(400, f.hub.register("no spaces").httpStatus());
        assertEquals(400, f.hub.register(null).httpStatus());
        assertEquals(SignalingError.USERNAME_TAKEN,
                f.hub.identify(f.open(Dialect.NATIVE), "carol", null, null, f.events), "one namespace");
    }

    @Test
    void aCookieCannotBeForgedIntoAnotherUser() {
        String carol = f.hub.register("carol").cookieValue();
        f.hub.register("dave");
        String signature = carol.substring(carol.lastIndexOf('.') + 1);
        for (String bad : new String[] {"dave." + signature, "dave", "carol", carol + "x", "." + signature, "",
                null, carol.replace("carol", "Carol")}) {
            assertNull(f.hub.registeredUser(bad), String.valueOf(bad));
        }
        HubFixture other = new HubFixture(); // another process: another random cookie key
        other.hub.register("carol");
        assertNull(other.hub.registeredUser(carol));
    }

    @Test
    void aNameTakenOnWsCannotBeRegistered() {
        f.identified("erin");
        assertEquals(409, f.hub.register("erin").httpStatus());
    }

    @Test
    void registrationsAreLimitedAndExpireWhenUnused() {
        String carol = f.hub.register("carol").cookieValue();
        f.hub.register("dave");
        assertEquals(503, f.hub.register("erin").httpStatus(), "maxRegistrations is 2 here");
        int ttl = SignalingConfig.defaults().registrationTtlSeconds();
        f.clock.advanceSeconds(ttl - 1);
        assertEquals("carol", f.hub.registeredUser(carol), "a lookup counts as use");
        f.clock.advanceSeconds(2);
        f.hub.sweep();
        assertEquals(1, f.hub.identityCount(), "dave expired, carol was used");
        assertEquals(200, f.hub.register("dave").httpStatus());
        f.clock.advanceSeconds(ttl);
        assertNull(f.hub.registeredUser(carol));
        assertEquals(200, f.hub.register("carol").httpStatus());
    }

    @Test
    void aConnectedUserDoesNotExpireAndANewConnectionReplacesTheOld() {
        String cookie = f.hub.register("carol").cookieValue();
        SignalingConnection first = f.open(Dialect.V1);
        assertTrue(f.hub.openV1(first, f.hub.registeredUser(cookie), f.events));
        f.clock.advanceSeconds(10L * SignalingConfig.defaults().registrationTtlSeconds());
        f.hub.sweep();
        assertSame(first, f.hub.online("carol"));
        SignalingConnection second = f.open(Dialect.V1);
        assertTrue(f.hub.openV1(second, "carol", f.events));
        assertEquals(4001, HubFixture.session(first).closeCode());
        assertSame(second, f.hub.online("carol"));
        f.hub.close(second, f.events);
        assertNull(f.hub.online("carol"));
        assertEquals("carol", f.hub.registeredUser(cookie), "the registration outlives the connection");
    }

    @Test
    void openV1FailsWhenTheRegistrationIsGone() {
        assertFalse(f.hub.openV1(f.open(Dialect.V1), "nobody", f.events));
    }

    @Test
    void kickClosesOnlyV1ConnectionsWith4002AndTakesThemOffline() {
        f.hub.register("carol");
        f.hub.register("dave");
        SignalingConnection carol = f.open(Dialect.V1);
        SignalingConnection dave = f.open(Dialect.V1);
        f.hub.openV1(carol, "carol", f.events);
        f.hub.openV1(dave, "dave", f.events);
        SignalingConnection alice = f.identified("alice");
        assertEquals(2, f.hub.kickV1(f.events));
        assertEquals(4002, HubFixture.session(carol).closeCode());
        assertEquals("kicked by an administrator", HubFixture.session(dave).closeReason());
        assertEquals(-1, HubFixture.session(alice).closeCode());
        assertNull(f.hub.online("carol"));
        assertSame(alice, f.hub.online("alice"));
        assertEquals(0, f.hub.kickV1(f.events));
    }

    @Test
    void adminAccessNeedsTheBearerTokenAndIsOffWithoutOne() {
        assertEquals(SignalingHub.AdminAccess.GRANTED, f.hub.adminAccess("Bearer admin-token-0123456789"));
        assertEquals(SignalingHub.AdminAccess.GRANTED, f.hub.adminAccess("bearer admin-token-0123456789"));
        for (String bad : new String[] {null, "", "Bearer", "Bearer ", "Basic admin-token-0123456789",
                "Bearer admin-token-012345678", "Bearer admin-token-01234567890", "admin-token-0123456789"}) {
            assertEquals(SignalingHub.AdminAccess.DENIED, f.hub.adminAccess(bad), String.valueOf(bad));
        }
        HubFixture off = new HubFixture();
        assertEquals(SignalingHub.AdminAccess.OFF, off.hub.adminAccess("Bearer anything"));
        assertEquals(404, SignalingHub.AdminAccess.OFF.httpStatus);
        assertEquals(401, SignalingHub.AdminAccess.DENIED.httpStatus);
    }

    @Test
    void withASecretCookiesSurviveARestartAndWithoutOneTheyDoNot() {
        SignalingConfig d = SignalingConfig.defaults();
        SignalingConfig withSecret = new SignalingConfig("hmac", HubFixture.SECRET, "", "", "reject",
                d.messagesPerSecond(), d.messageBurst(), d.maxRoomMembers(), d.maxRoomsPerConnection(),
                d.keyedRoomIdleSeconds(), d.maxKeyedRoomsPerAddress(), d.maxKeyedRooms(), d.maxRegistrations(),
                d.registrationTtlSeconds(), d.reliableQueueBytes(), d.unidentifiedTimeoutSeconds());
        HubFixture before = new HubFixture(withSecret);
        String cookie = before.hub.register("carol").cookieValue();
        HubFixture after = new HubFixture(withSecret);
        after.hub.register("carol");
        assertEquals("carol", after.hub.registeredUser(cookie), "same secret, same cookie key");
        assertNull(f.hub.registeredUser(cookie), "a random per-process key differs");
    }
}
