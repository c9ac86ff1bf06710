package org.signaltracker.core.signaling;

import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.time.ManualClock;

/** A hub on a manual clock with helpers to open and identify connections. Not thread-safe. */
final class HubFixture {

    static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    final ManualClock clock = new ManualClock();
    final RecordingRoomEvents events = new RecordingRoomEvents();
    final SignalingHub hub;

    HubFixture() {
        this(SignalingConfig.defaults());
    }

    HubFixture(SignalingConfig config) {
        this(config, Authenticator.none());
    }

    HubFixture(SignalingConfig config, Authenticator authenticator) {
        this.hub = new SignalingHub(config, clock, authenticator);
    }

    static SignalingConfig config(String duplicateName, int maxRoomMembers, int maxRoomsPerConnection,
            String clientVersions) {
        SignalingConfig d = SignalingConfig.defaults();
        return new SignalingConfig(d.authMode(), d.hmacSecret(), "admin-token-0123456789", clientVersions,
                duplicateName, d.messagesPerSecond(), d.messageBurst(), maxRoomMembers, maxRoomsPerConnection,
                d.keyedRoomIdleSeconds(), 2, 3, 2, d.registrationTtlSeconds(), d.reliableQueueBytes(),
                d.unidentifiedTimeoutSeconds());
    }

    SignalingConnection open(Dialect dialect) {
        return hub.connection(new RecordingPeerSession(), dialect);
    }

    SignalingConnection identified(String name) {
        SignalingConnection conn = open(Dialect.NATIVE);
        if (hub.identify(conn, name, null, null, events) != null) {
            throw new AssertionError("could not identify " + name);
        }
        return conn;
    }

    static RecordingPeerSession session(SignalingConnection conn) {
        return (RecordingPeerSession) conn.session();
    }
}
