package org.signaltracker.netty.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;

/**
 * Puts an admin route behind {@code admin.token} on every front door, the loopback admin listener included:
 * with no token configured the route does not exist (404), without {@code Authorization: Bearer <token>} or
 * with a wrong one it answers 401. For routes that change state (the torrent API), where being on the host
 * is not enough. The token is read per request, so a reload changes it at once. Stateless; thread-safe.
 */
public final class TokenGuard {

    private TokenGuard() {
    }

    public static AdminRoute guard(AdminRoute route, Supplier<String> token) {
        return request -> {
            String expected = token.get();
            if (expected.isEmpty()) {
                return AdminResponse.text(HttpResponseStatus.NOT_FOUND,
                        "Not found: set admin.token to serve " + request.path() + ".\n");
            }
            if (!MainPortAdmin.authorised(request.authorization(), expected)) {
                return AdminResponse.unauthorized();
            }
            return route.handle(request);
        };
    }
}
