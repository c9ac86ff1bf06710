package org.signaltracker.netty.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link UpgradeAdmission#all} asks every check in order for each of the three questions. */
class UpgradeAdmissionTest {

    private static final UpgradeAdmission.Refusal BANNED = new UpgradeAdmission.Refusal(HttpResponseStatus.FORBIDDEN,
            "banned", 0);
    private static final UpgradeAdmission.Refusal BUSY = new UpgradeAdmission.Refusal(
            HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", 5);

    @Test
    void requestAwareChecksAreComposedInOrder() {
        List<String> asked = new ArrayList<>();
        UpgradeAdmission requestAware = new UpgradeAdmission() {
            @Override
            public Refusal refusal(io.netty.channel.Channel channel) {
                asked.add("plain");
                return null;
            }

            @Override
            public Refusal refusal(io.netty.channel.Channel channel, HttpRequest request) {
                asked.add("upgrade " + request.uri());
                return request.uri().equals("/busy") ? BUSY : null;
            }

            @Override
            public Refusal requestRefusal(io.netty.channel.Channel channel, HttpRequest request) {
                asked.add("request " + request.uri());
                return request.uri().equals("/banned") ? BANNED : null;
            }
        };
        UpgradeAdmission lastWord = channel -> {
            asked.add("legacy");
            return null;
        };
        UpgradeAdmission all = UpgradeAdmission.all(List.of(requestAware, lastWord));
        EmbeddedChannel channel = new EmbeddedChannel();
        assertSame(BANNED, all.requestRefusal(channel, request("/banned")));
        assertNull(all.requestRefusal(channel, request("/ok")));
        assertSame(BUSY, all.refusal(channel, request("/busy")));
        assertNull(all.refusal(channel, request("/ok")));
        assertEquals(List.of("request /banned", "request /ok", "upgrade /busy", "upgrade /ok", "legacy"), asked,
                "a refusal stops the chain; a check without a request-aware method answers through refusal(channel)");
        channel.finishAndReleaseAll();
    }

    private static HttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
