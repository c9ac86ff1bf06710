package org.signaltracker.core.protocol.signaling;

import com.dslplatform.json.DslJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.signaltracker.core.config.SignalingConfig;
import org.signaltracker.core.metrics.SignalingMetrics;
import org.signaltracker.core.session.RecordingPeerSession;
import org.signaltracker.core.signaling.Authenticator;
import org.signaltracker.core.signaling.KeyedRole;
import org.signaltracker.core.signaling.SignalingConnection;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.core.time.ManualClock;

/** A hub and one dispatcher on a manual clock, with connections over {@link RecordingPeerSession}s. */
final class SignalingFixture {

    private static final DslJson<Object> DSL = new DslJson<>();

    final ManualClock clock = new ManualClock();
    final SignalingMetrics metrics = new SignalingMetrics();
    final SignalingHub hub;
    final SignalingDispatcher dispatcher;

    SignalingFixture() {
        this(SignalingConfig.defaults());
    }

    SignalingFixture(SignalingConfig config) {
        hub = new SignalingHub(config, clock, Authenticator.none());
        dispatcher = new SignalingDispatcher(hub, metrics, clock);
    }

    SignalingConnection open() {
        return dispatcher.openNative(new RecordingPeerSession());
    }

    SignalingConnection identified(String name) {
        SignalingConnection conn = open();
        send(conn, "{\"type\":\"IDENTIFY\",\"username\":\"" + name + "\"}");
        List<String> replies = session(conn).drain();
        if (!replies.equals(List.of("{\"type\":\"AUTH_SUCCESS\",\"status\":\"success\",\"username\":\"" + name + "\"}"))) {
            throw new AssertionError("identify " + name + ": " + replies);
        }
        return conn;
    }

    SignalingConnection v1(String name) {
        String cookie = hub.register(name).cookieValue();
        return dispatcher.openV1(new RecordingPeerSession(), hub.registeredUser(cookie));
    }

    SignalingConnection keyed(SignalingHub.KeyedCreation room, KeyedRole role) {
        return dispatcher.openKeyed(new RecordingPeerSession(), room.roomId(), role);
    }

    void send(SignalingConnection conn, String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        dispatcher.onText(conn, bytes, 0, bytes.length);
    }

    static RecordingPeerSession session(SignalingConnection conn) {
        return (RecordingPeerSession) conn.session();
    }

    /** The one message {@code conn} got since the last drain, parsed. */
    static Map<String, Object> only(SignalingConnection conn) {
        List<String> sent = session(conn).drain();
        if (sent.size() != 1) {
            throw new AssertionError("expected one message, got " + sent);
        }
        return parse(sent.get(0));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return DSL.deserialize(Map.class, bytes, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The code of an ERROR or AUTH_ERROR, checked to be a JSON number. */
    static int code(Map<String, Object> message) {
        Object code = message.get("code");
        if (!(code instanceof Number)) {
            throw new AssertionError("code is not a number: " + message);
        }
        return ((Number) code).intValue();
    }
}
