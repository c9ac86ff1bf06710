package org.signaltracker.bench.attack;

/**
 * Runs one of issue 7's attacks against a daemon on 127.0.0.0/8 and prints one verdict line,
 * {@code case N name: PASS|FAIL peak_rss=… MiB daemon=up|DEAD bystander=ok|failed (details)}. scripts/attack.sh
 * starts a fresh daemon per case and calls this. Every phase is bounded in time (the attack by
 * {@code --seconds}, each bystander by {@code --bystanderTimeoutSeconds}, the settling by
 * {@code --settleSeconds}). Exit status: 0 passed, 1 failed, 2 bad options.
 */
public final class AttackMain {

    private AttackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(AttackOptions.help());
            return;
        }
        AttackConfig config;
        try {
            config = AttackOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("attack: " + e.getMessage());
            System.exit(2);
            return;
        }
        Attack attack = Attack.of(config.caseNumber());
        System.out.printf("attack: case %d %s against %s:%d (pid %d) for %d s; attacker %s %s%n", config.caseNumber(),
                attack.name(), config.target().getHostString(), config.target().getPort(), config.pid(), config.seconds(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        CaseRun.Verdict verdict = new CaseRun(config, attack).run();
        System.out.println(verdict.line());
        System.exit(verdict.passed() ? 0 : 1);
    }
}
