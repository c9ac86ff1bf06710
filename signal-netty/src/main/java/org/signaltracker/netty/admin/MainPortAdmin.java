package org.signaltracker.netty.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.signaltracker.netty.http.HttpRoutes;

/**
 * Admin routes on the main (public) port, behind {@code admin.token}: with no token configured they do not
 * exist there (404, as any unknown path); without {@code Authorization: Bearer <token>} or with a wrong one
 * they answer 401. The token is read from the live config on every request, so a reload changes it at once.
 * The comparison takes the same time wherever the first difference is. Stateless; thread-safe.
 */
public final class MainPortAdmin {

    static final String CHALLENGE = AdminResponse.CHALLENGE;
    private static final String BEARER = "Bearer ";

    private MainPortAdmin() {
    }

    /** Adds each of {@code paths} of {@code admin} to the main port's {@code routes}, guarded by the token. */
    public static void addTo(HttpRoutes routes, AdminRoutes admin, Iterable<String> paths, Supplier<String> token) {
        for (String path : paths) {
            routes.deferred(path, request -> guarded(request, admin, token.get()));
        }
    }

    /** Adds every tree of {@code admin} ({@link AdminRoutes#addTree}) to the main port, guarded by the token. */
    public static void addTreesTo(HttpRoutes routes, AdminRoutes admin, Supplier<String> token) {
        for (String prefix : admin.trees()) {
            routes.deferredTree(prefix, request -> guarded(request, admin, token.get()));
        }
    }

    private static CompletionStage<FullHttpResponse> guarded(FullHttpRequest request, AdminRoutes admin,
            String token) {
        boolean head = request.method().equals(HttpMethod.HEAD);
        if (token.isEmpty()) {
            return done(AdminResponse.text(HttpResponseStatus.NOT_FOUND, "Not found.\n").toHttp(head));
        }
        if (!authorised(request.headers().get(HttpHeaderNames.AUTHORIZATION), token)) {
            return done(AdminResponse.unauthorized().toHttp(head));
        }
        return admin.submit(AdminRequest.of(request)).thenApply(answer -> answer.toHttp(head));
    }

    static boolean authorised(String header, String token) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.getBytes(StandardCharsets.UTF_8));
    }

    private static CompletionStage<FullHttpResponse> done(FullHttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
