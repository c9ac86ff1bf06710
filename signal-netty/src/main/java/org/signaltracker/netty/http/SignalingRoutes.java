package org.signaltracker.netty.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.util.List;
import java.util.Map;
import org.signaltracker.core.protocol.signaling.SignalingDecoder;
import org.signaltracker.core.protocol.signaling.SignalingDispatcher;
import org.signaltracker.core.protocol.signaling.SignalingGrant;
import org.signaltracker.core.signaling.SignalingHub;
import org.signaltracker.netty.websocket.LoopResourceTable;
import org.signaltracker.netty.websocket.UpgradeTarget;

/**
 * The signaling hub's HTTP side, added to the {@link HttpRoutes} table: the REST routes {@code POST /room},
 * {@code POST /v1/register}, {@code GET /v1/user}, {@code GET}/{@code POST /v1/kick-active-users}, and the
 * upgrade routes {@code /ws}, {@code /ws/{roomId}} and {@code /v1/connect}, which are authorised here
 * before the 101. Each route only translates: read the request, ask the hub, write its answer as HTTP.
 * Stateless apart from its references; thread-safe (the hub is).
 */
public final class SignalingRoutes {

    static final String COOKIE = "user_username";
    private static final String COOKIE_ATTRIBUTES = "; Path=/; HttpOnly; SameSite=Lax";
    private static final String CLEAR_COOKIE = COOKIE + "=; Path=/; Max-Age=0";

    private final SignalingHub hub;
    private final LoopResourceTable loops;

    private SignalingRoutes(SignalingHub hub, LoopResourceTable loops) {
        this.hub = hub;
        this.loops = loops;
    }

    /** Adds every signaling route to {@code routes}. */
    public static HttpRoutes addTo(HttpRoutes routes, SignalingHub hub, LoopResourceTable loops) {
        SignalingRoutes s = new SignalingRoutes(hub, loops);
        return routes
                .rest("/room", "POST", s::createRoom)
                .rest("/v1/register", "POST", s::register)
                .rest("/v1/user", "GET", s::user)
                .rest("/v1/kick-active-users", "GET, POST", s::kick)
                .upgrade("/ws", (request, none) -> HttpRoutes.Decision.upgrade(UpgradeTarget.signaling(
                        SignalingGrant.NATIVE)))
                .upgradeWithParameter("/ws/", s::keyedUpgrade)
                .upgrade("/v1/connect", s::v1Upgrade);
    }

    private FullHttpResponse createRoom(FullHttpRequest request, ChannelHandlerContext ctx) {
        SignalingHub.KeyedCreation created = hub.createKeyedRoom(ClientAddress.describe(ctx.channel()));
        if (created.httpStatus() != 201) {
            return JsonResponse.error(created.httpStatus(), created.message());
        }
        return JsonResponse.of(HttpResponseStatus.CREATED, "roomId", created.roomId(), "mKey", created.masterKey(),
                "cKey", created.clientKey());
    }

    private FullHttpResponse register(FullHttpRequest request, ChannelHandlerContext ctx) {
        ByteBuf body = request.content();
        byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), false);
        SignalingDecoder decoder = new SignalingDecoder().decode(bytes, bytes.length);
        if (decoder.error() != null) {
            return JsonResponse.error(400, decoder.error().message());
        }
        String username = decoder.stringField("username");
        SignalingHub.Registration registration = hub.register(username);
        if (registration.httpStatus() != 200) {
            return JsonResponse.error(registration.httpStatus(), registration.message());
        }
        FullHttpResponse response = JsonResponse.of(HttpResponseStatus.OK, "username", username);
        response.headers().set(HttpHeaderNames.SET_COOKIE, COOKIE + "=" + registration.cookieValue()
                + COOKIE_ATTRIBUTES);
        return response;
    }

    private FullHttpResponse user(FullHttpRequest request, ChannelHandlerContext ctx) {
        String cookie = cookieValue(request);
        String username = hub.registeredUser(cookie);
        if (username != null) {
            return JsonResponse.of(HttpResponseStatus.OK, "username", username);
        }
        FullHttpResponse response = JsonResponse.error(404, "not registered, or the registration expired");
        if (cookie != null) {
            response.headers().set(HttpHeaderNames.SET_COOKIE, CLEAR_COOKIE);
        }
        return response;
    }

    /**
     * The hub closes every {@code /v1} connection, whichever loop it lives on, in one call; it runs on this
     * request's loop because a dispatcher (which words the membership events) is confined to its own.
     */
    private FullHttpResponse kick(FullHttpRequest request, ChannelHandlerContext ctx) {
        SignalingHub.AdminAccess access = hub.adminAccess(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        if (access != SignalingHub.AdminAccess.GRANTED) {
            FullHttpResponse refused = JsonResponse.error(access.httpStatus,
                    access == SignalingHub.AdminAccess.OFF ? "not found" : "missing or wrong bearer token");
            if (access == SignalingHub.AdminAccess.DENIED) {
                refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            return refused;
        }
        SignalingDispatcher dispatcher = loops.signalingOn(ctx.executor());
        return JsonResponse.of(HttpResponseStatus.OK, "kicked", dispatcher.kickV1());
    }

    /** {@code /ws/{roomId}?key=K} (or {@code mKey=}, {@code cKey=}): the role follows from the key. */
    private HttpRoutes.Decision keyedUpgrade(FullHttpRequest request, String roomId) {
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        String key = first(query, "key");
        key = key != null ? key : first(query, "mKey");
        key = key != null ? key : first(query, "cKey");
        SignalingHub.KeyedAccess access = hub.keyedAccess(roomId, key);
        if (access.role == null) {
            return HttpRoutes.Decision.refuse(JsonResponse.error(access.httpStatus, access.message));
        }
        return HttpRoutes.Decision.upgrade(UpgradeTarget.signaling(SignalingGrant.keyed(roomId, access.role)));
    }

    private HttpRoutes.Decision v1Upgrade(FullHttpRequest request, String none) {
        String username = hub.registeredUser(cookieValue(request));
        if (username == null) {
            return HttpRoutes.Decision.refuse(JsonResponse.error(401,
                    "no valid user_username cookie: POST /v1/register first"));
        }
        return HttpRoutes.Decision.upgrade(UpgradeTarget.signaling(SignalingGrant.v1(username)));
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The {@code user_username} cookie's value, or null when none was sent. */
    static String cookieValue(FullHttpRequest request) {
        String header = request.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
            if (COOKIE.equals(cookie.name())) {
                return cookie.value();
            }
        }
        return null;
    }
}
