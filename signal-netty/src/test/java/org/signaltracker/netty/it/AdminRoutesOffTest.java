package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With no {@code signaling.adminToken} (the default) the admin route does not exist: 404, token or not. */
class AdminRoutesOffTest {

    @RegisterExtension
    static final TrackerServerExtension SERVER = new TrackerServerExtension("");

    @Test
    void kickIsNotFoundWithoutAnAdminToken() throws Exception {
        assertEquals(404, Signaling.http(SERVER, "POST", "/v1/kick-active-users", null).statusCode());
        assertEquals(404, Signaling.http(SERVER, "GET", "/v1/kick-active-users", null,
                "Authorization", "Bearer anything-at-all-here").statusCode());
    }
}
