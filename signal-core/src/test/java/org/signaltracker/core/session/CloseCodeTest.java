package org.signaltracker.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CloseCodeTest {

    @Test
    void peersMaySendOnlyTheCodesRfc6455AllowsInAFrame() {
        for (int code : new int[] {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000,
                4999}) {
            assertTrue(CloseCode.isValidFromPeer(code), "code " + code);
        }
        for (int code : new int[] {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000, 65535}) {
            assertFalse(CloseCode.isValidFromPeer(code), "code " + code);
        }
    }

    @Test
    void everyCodeWeSendIsOneAPeerCouldSendAndTheTableHasNoDuplicates() {
        for (CloseCode code : CloseCode.values()) {
            assertTrue(CloseCode.isValidFromPeer(code.code()), code.name());
            assertFalse(code.reason().isEmpty());
        }
        assertEquals(CloseCode.values().length, Arrays.stream(CloseCode.values()).mapToInt(CloseCode::code).distinct()
                .count());
    }

    @Test
    void signalingCodesKeepTheirNumbersAndTexts() {
        assertEquals(4001, CloseCode.REPLACED.code());
        assertEquals("replaced by a newer connection", CloseCode.REPLACED.reason());
        assertEquals(4002, CloseCode.KICKED.code());
        assertEquals("kicked by an administrator", CloseCode.KICKED.reason());
        assertEquals(4003, CloseCode.NOT_IDENTIFIED_IN_TIME.code());
    }
}
