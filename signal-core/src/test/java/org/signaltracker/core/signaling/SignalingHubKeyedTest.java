package org.signaltracker.core.signaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.config.SignalingConfig;

class SignalingHubKeyedTest {

    private final HubFixture f = new HubFixture(HubFixture.config("reject", 3, 1000, ""));

    private SignalingConnection open(SignalingHub.KeyedCreation room, KeyedRole role) {
        SignalingConnection conn = f.open(Dialect.KEYED);
        assertTrue(f.hub.openKeyed(conn, room.roomId(), role, f.events));
        return conn;
    }

    @Test
    void createdRoomsHaveDistinctUrlSafeKeysOfAtLeast128Bits() {
        SignalingHub.KeyedCreation a = f.hub.createKeyedRoom("10.0.0.1");
        SignalingHub.KeyedCreation b = f.hub.createKeyedRoom("10.0.0.2");
        assertEquals(201, a.httpStatus());
        for (String key : List.of(a.masterKey(), a.clientKey(), a.roomId())) {
            assertTrue(key.matches("[A-Za-z0-9_-]+"), key);
            assertTrue(Base64.getUrlDecoder().decode(key).length >= 16, key);
        }
        assertNotEquals(a.masterKey(), a.clientKey());
        assertNotEquals(a.roomId(), b.roomId());
        assertNotEquals(a.masterKey(), b.masterKey());
    }

    @Test
    void theKeyPicksTheRoleAndWrongOrForeignKeysAreRefused() {
        SignalingHub.KeyedCreation a = f.hub.createKeyedRoom("10.0.0.1");
        SignalingHub.KeyedCreation b = f.hub.createKeyedRoom("10.0.0.1");
        assertEquals(SignalingHub.KeyedAccess.MASTER, f.hub.keyedAccess(a.roomId(), a.masterKey()));
        assertEquals(SignalingHub.KeyedAccess.CLIENT, f.hub.keyedAccess(a.roomId(), a.clientKey()));
        assertEquals(SignalingHub.KeyedAccess.WRONG_KEY, f.hub.keyedAccess(a.roomId(), b.masterKey()));
        assertEquals(SignalingHub.KeyedAccess.WRONG_KEY, f.hub.keyedAccess(a.roomId(), null));
        assertEquals(SignalingHub.KeyedAccess.WRONG_KEY, f.hub.keyedAccess(a.roomId(), ""));
        assertEquals(SignalingHub.KeyedAccess.UNKNOWN_ROOM, f.hub.keyedAccess("nope", a.masterKey()));
        assertEquals(SignalingHub.KeyedAccess.UNKNOWN_ROOM, f.hub.keyedAccess(null, a.masterKey()));
        assertEquals(403, SignalingHub.KeyedAccess.WRONG_KEY.httpStatus);
        assertEquals(404, SignalingHub.KeyedAccess.UNKNOWN_ROOM.httpStatus);
    }

    @Test
    void aLateMasterHearsOfEveryClientAndOfJoinsAndLeaves() {
        SignalingHub.KeyedCreation room = f.hub.createKeyedRoom("10.0.0.1");
        SignalingConnection c1 = open(room, KeyedRole.CLIENT);
        assertEquals(List.of(c1.name() + " joined " + room.roomId() + " []"), f.events.drain());
        assertNull(f.hub.keyedMaster(c1));
        SignalingConnection master = open(room, KeyedRole.MASTER);
        assertEquals(List.of(master.name() + " joined " + room.roomId() + " [" + c1.name() + "]",
                master.name() + " +" + room.roomId() + " " + c1.name()), f.events.drain());
        SignalingConnection c2 = open(room, KeyedRole.CLIENT);
        assertEquals(List.of(c2.name() + " joined " + room.roomId() + " []",
                master.name() + " +" + room.roomId() + " " + c2.name()), f.events.drain());
        assertSame(master, f.hub.keyedMaster(c2));
        assertSame(c1, f.hub.keyedPeer(master, c1.name()));
        assertSame(master, f.hub.keyedPeer(c1, master.name()));
        assertNull(f.hub.keyedPeer(c1, "elsewhere"));
        assertNull(f.hub.online(c1.name()), "keyed peers are unreachable from /ws");
        assertEquals(SignalingHub.KeyedAccess.ROOM_FULL, f.hub.keyedAccess(room.roomId(), room.clientKey()));
        assertEquals(SignalingHub.KeyedAccess.MASTER, f.hub.keyedAccess(room.roomId(), room.masterKey()));
        f.hub.close(c1, f.events);
        assertEquals(List.of(master.name() + " -" + room.roomId() + " " + c1.name()), f.events.drain());
        assertEquals(KeyedRole.CLIENT, c2.keyedRole());
        assertNotEquals(c1.name(), c2.name());
    }

    @Test
    void aSecondMasterReplacesTheFirst() {
        SignalingHub.KeyedCreation room = f.hub.createKeyedRoom("10.0.0.1");
        SignalingConnection first = open(room, KeyedRole.MASTER);
        SignalingConnection client = open(room, KeyedRole.CLIENT);
        SignalingConnection second = open(room, KeyedRole.MASTER);
        assertEquals(4001, HubFixture.session(first).closeCode());
        assertSame(second, f.hub.keyedMaster(client));
        f.hub.close(first, f.events);
        assertSame(second, f.hub.keyedMaster(client), "the old master's late close leaves the new one");
    }

    @Test
    void roomsAreLimitedPerAddressAndInTotal() {
        assertEquals(201, f.hub.createKeyedRoom("10.0.0.1").httpStatus());
        assertEquals(201, f.hub.createKeyedRoom("10.0.0.1").httpStatus());
        assertEquals(429, f.hub.createKeyedRoom("10.0.0.1").httpStatus(), "2 per address here");
        assertEquals(201, f.hub.createKeyedRoom("10.0.0.2").httpStatus());
        assertEquals(503, f.hub.createKeyedRoom("10.0.0.3").httpStatus(), "3 in total here");
    }

    @Test
    void emptyRoomsExpireAfterTheIdleTimeAndGiveTheirQuotaBack() {
        int idle = SignalingConfig.defaults().keyedRoomIdleSeconds();
        SignalingHub.KeyedCreation unused = f.hub.createKeyedRoom("10.0.0.1");
        SignalingHub.KeyedCreation used = f.hub.createKeyedRoom("10.0.0.1");
        SignalingConnection master = open(used, KeyedRole.MASTER);
        f.clock.advanceSeconds(idle - 1);
        f.hub.sweep();
        assertEquals(2, f.hub.keyedRoomCount());
        f.clock.advanceSeconds(1);
        f.hub.sweep();
        assertEquals(SignalingHub.KeyedAccess.UNKNOWN_ROOM, f.hub.keyedAccess(unused.roomId(), unused.masterKey()));
        assertEquals(SignalingHub.KeyedAccess.MASTER, f.hub.keyedAccess(used.roomId(), used.masterKey()));
        f.hub.close(master, f.events);
        f.clock.advanceSeconds(idle - 1);
        f.hub.sweep();
        assertEquals(1, f.hub.keyedRoomCount(), "idle time counts from when it emptied");
        f.clock.advanceSeconds(1);
        f.hub.sweep();
        assertEquals(0, f.hub.keyedRoomCount());
        assertFalse(f.hub.openKeyed(f.open(Dialect.KEYED), used.roomId(), KeyedRole.MASTER, f.events));
        assertEquals(201, f.hub.createKeyedRoom("10.0.0.1").httpStatus());
        assertEquals(201, f.hub.createKeyedRoom("10.0.0.1").httpStatus());
    }
}
