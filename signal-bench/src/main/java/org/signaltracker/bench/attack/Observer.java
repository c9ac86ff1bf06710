package org.signaltracker.bench.attack;

import java.util.concurrent.TimeUnit;

/**
 * Watches the daemon while an attack runs: asks {@code /health} once a second until the deadline, keeping
 * the slowest answer and the failures, and runs one bystander exchange at the given moment.
 *
 * <p>Runs on its own thread; its results are read by the main thread after {@link #join}.
 */
final class Observer extends Thread {

    private static final long PROBE_PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int HEALTH_TIMEOUT_MILLIS = 5000;

    private final AttackConfig config;
    private final long bystanderAtNanos;
    private final long deadlineNanos;
    private volatile Bystander.Result bystander;
    private volatile long maxHealthMillis;
    private volatile int healthProbes;
    private volatile int failedHealth;

    Observer(AttackConfig config, long bystanderAtNanos, long deadlineNanos) {
        super("attack-observer");
        setDaemon(true);
        this.config = config;
        this.bystanderAtNanos = bystanderAtNanos;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public void run() {
        long nextProbe = System.nanoTime();
        while (System.nanoTime() < deadlineNanos || bystander == null) {
            long now = System.nanoTime();
            if (bystander == null && now >= bystanderAtNanos) {
                bystander = Bystander.exchange(config.target(), config.bystanderTimeoutSeconds());
                continue;
            }
            if (now >= nextProbe && now < deadlineNanos) {
                HealthProbe.Result health = HealthProbe.get(config.target(), HEALTH_TIMEOUT_MILLIS);
                healthProbes++;
                failedHealth += health.ok() ? 0 : 1;
                maxHealthMillis = Math.max(maxHealthMillis, health.millis());
                nextProbe = now + PROBE_PERIOD_NANOS;
            }
            long wake = Math.min(nextProbe, bystander == null ? bystanderAtNanos : deadlineNanos);
            long sleep = TimeUnit.NANOSECONDS.toMillis(wake - System.nanoTime());
            if (sleep > 0) {
                try {
                    Thread.sleep(Math.min(sleep, 100));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** The bystander exchange run during the attack, or null if it has not finished. */
    Bystander.Result bystander() {
        return bystander;
    }

    long maxHealthMillis() {
        return maxHealthMillis;
    }

    int healthProbes() {
        return healthProbes;
    }

    int failedHealth() {
        return failedHealth;
    }
}
