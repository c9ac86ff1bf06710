package org.signaltracker.bench.attack;

import java.io.IOException;

/**
 * One of issue 7's attacks. It opens its connections through the {@link RawClients} it is given and keeps
 * them busy (or holding) until the deadline; {@link CaseRun} samples memory, runs the bystanders and judges.
 * Implementations are stateless and run on the attack's main thread.
 */
interface Attack {

    /** The case's short name in the verdict line. */
    String name();

    /** Attacks until {@code deadlineNanos} (connecting included); returns the attack's own figures. */
    Outcome run(AttackConfig config, RawClients clients, long deadlineNanos) throws IOException;

    /** Figures worth printing, and why the attack itself judged the daemon failed (null when it did not). */
    record Outcome(String figures, String failure) {
        static Outcome figures(String figures) {
            return new Outcome(figures, null);
        }
    }

    /** The attack for issue 7's finding {@code caseNumber}. */
    static Attack of(int caseNumber) {
        return switch (caseNumber) {
            case 1 -> new PingFlood();
            case 2 -> new UnfinishedMessages();
            case 3 -> new StuckOutboundFlood();
            case 4 -> new PipelinedHealth();
            case 5 -> new UnfinishedFrames();
            case 10 -> new MidBodyClose();
            default -> throw new IllegalArgumentException("no attack for case " + caseNumber);
        };
    }
}
