package org.signaltracker.bench.attack;

import java.util.concurrent.TimeUnit;

/**
 * Runs one attack against a running daemon and judges it. While the attack runs, the daemon's resident
 * memory is sampled every 100 ms, {@code /health} is asked once a second, and a bystander pair exchanges
 * an offer and an answer 60 % of the way in. When the attack's time is up a second bystander pair runs
 * while the attack's connections are still held, then they are closed, and after {@code settleSeconds}
 * the resident memory that stayed is read. The case passes when the daemon is alive and {@code /health}
 * answers 200 at the end, both bystanders completed, peak resident memory stayed under the limit, and the
 * attack itself saw nothing wrong.
 *
 * <p>Used once, from the main thread; the observer (health and first bystander) runs on a thread of its own.
 */
final class CaseRun {

    private static final int HEALTH_TIMEOUT_MILLIS = 5000;
    private static final long MIB = 1024 * 1024;

    private final AttackConfig config;
    private final Attack attack;

    CaseRun(AttackConfig config, Attack attack) {
        this.config = config;
        this.attack = attack;
    }

    /** Runs the case; returns its verdict. */
    Verdict run() throws Exception {
        try (DaemonMemory memory = new DaemonMemory(config.pid())) {
            long baseline = memory.currentRssBytes();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(config.seconds());
            Observer observer = new Observer(config, start + TimeUnit.SECONDS.toNanos(config.seconds()) * 6 / 10, deadline);
            observer.start();
            Attack.Outcome outcome;
            Bystander.Result after;
            int openAtEnd;
            String counts;
            try (RawClients clients = new RawClients(config.target(), config.sourceAddresses())) {
                try {
                    outcome = attack.run(config, clients, deadline);
                } catch (java.io.IOException e) {
                    outcome = new Attack.Outcome("", "attack stopped: " + e);
                }
                observer.join(TimeUnit.SECONDS.toMillis(config.bystanderTimeoutSeconds() + 5L));
                after = Bystander.exchange(config.target(), config.bystanderTimeoutSeconds());
                openAtEnd = clients.countOpen();
                counts = clients.counts().toString();
            }
            long closedAt = System.nanoTime();
            while (memory.alive() && System.nanoTime() - closedAt < TimeUnit.SECONDS.toNanos(config.settleSeconds())) {
                Thread.sleep(DaemonMemory.PERIOD_MILLIS);
            }
            HealthProbe.Result health = HealthProbe.get(config.target(), HEALTH_TIMEOUT_MILLIS);
            long residual = memory.currentRssBytes();
            boolean alive = memory.alive();
            long peak = Math.max(memory.peakRssBytes(), memory.hwmBytes());
            Bystander.Result during = observer.bystander();
            boolean bystandersOk = during != null && during.ok() && after.ok();
            boolean daemonUp = alive && health.ok();
            boolean underLimit = peak < config.rssLimitMiB() * MIB;
            boolean pass = daemonUp && bystandersOk && underLimit && outcome.failure() == null;

            StringBuilder details = new StringBuilder();
            details.append(String.format("peak_vmrss=%d MiB vmhwm=%d MiB baseline=%d MiB", memory.peakRssBytes() / MIB,
                    memory.hwmBytes() / MIB, baseline / MIB));
            details.append(alive ? String.format(" rss_%ds_after_close=%d MiB", config.settleSeconds(), residual / MIB)
                    : String.format(" died_at=+%.1f s", memory.goneAtSeconds()));
            details.append("; health_end=").append(health.summary())
                    .append(" health_during: max=").append(observer.maxHealthMillis()).append(" ms failed=")
                    .append(observer.failedHealth()).append('/').append(observer.healthProbes());
            details.append("; bystander during=").append(during == null ? "not run" : during.summary())
                    .append(" after=").append(after.summary());
            details.append("; ").append(outcome.figures()).append(' ').append(counts)
                    .append(" open_at_end=").append(openAtEnd);
            if (outcome.failure() != null) {
                details.append("; failure: ").append(outcome.failure());
            }
            if (!underLimit) {
                details.append("; peak resident memory over ").append(config.rssLimitMiB()).append(" MiB");
            }
            String line = String.format("case %d %s: %s peak_rss=%d MiB daemon=%s bystander=%s (%s)", config.caseNumber(),
                    attack.name(), pass ? "PASS" : "FAIL", peak / MIB, daemonUp ? "up" : alive ? "UNHEALTHY" : "DEAD",
                    bystandersOk ? "ok" : "failed", details);
            return new Verdict(pass, line);
        }
    }

    /** Whether the case passed, and its one verdict line. */
    record Verdict(boolean passed, String line) {
    }
}
