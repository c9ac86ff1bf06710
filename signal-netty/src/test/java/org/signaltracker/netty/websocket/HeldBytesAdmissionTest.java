package org.signaltracker.netty.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.junit.jupiter.api.Test;
import org.signaltracker.core.limit.HeldBytesBudget;
import org.signaltracker.core.metrics.TrackerMetrics;
import org.signaltracker.netty.http.UpgradeAdmission;

class HeldBytesAdmissionTest {

    @Test
    void upgradesAreRefusedWith503FromSevenEighthsOfTheBudgetAndAdmittedBelowIt() {
        HeldBytesBudget budget = new HeldBytesBudget(800);
        TrackerMetrics metrics = new TrackerMetrics();
        HeldBytesAdmission admission = new HeldBytesAdmission(budget, metrics);
        EmbeddedChannel channel = new EmbeddedChannel();
        budget.add(699);
        assertNull(admission.refusal(channel));
        budget.add(1);
        UpgradeAdmission.Refusal refusal = admission.refusal(channel);
        assertEquals(HttpResponseStatus.SERVICE_UNAVAILABLE, refusal.status());
        assertEquals(HeldBytesAdmission.RETRY_AFTER_SECONDS, refusal.retryAfterSeconds());
        assertEquals(1, metrics.upgradesRefusedForMemory.sum());
        budget.add(-100);
        assertNull(admission.refusal(channel), "admitted again once memory was given back");
    }
}
