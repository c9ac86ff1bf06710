package org.signaltracker.store;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link PostgresServer} for the whole run: started on first use, stopped when JUnit
 * closes its root store (it closes stored {@link AutoCloseable} values). Where no PostgreSQL binaries are
 * installed, each test that needs the server (as a parameter of the test or of a {@code @BeforeEach}) is
 * skipped with the reason printed, never silently; the others run.
 */
final class PostgresServerExtension implements ParameterResolver, ExecutionCondition {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresServerExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Method> test = context.getTestMethod();
        if (test.isEmpty() || PostgresServer.findBinaries().isPresent()) {
            return ConditionEvaluationResult.enabled("PostgreSQL binaries found, or not a test method");
        }
        boolean needsServer = takesServer(test.get()) || context.getTestClass()
                .map(type -> Arrays.stream(type.getDeclaredMethods())
                        .anyMatch(m -> m.isAnnotationPresent(BeforeEach.class) && takesServer(m)))
                .orElse(false);
        if (!needsServer) {
            return ConditionEvaluationResult.enabled("needs no PostgreSQL server");
        }
        String reason = "SKIPPED " + context.getDisplayName() + ": no initdb/pg_ctl under "
                + PostgresServer.DEBIAN_BINARIES + "/*/bin (install the Debian package postgresql to run it)";
        System.out.println(reason);
        return ConditionEvaluationResult.disabled(reason);
    }

    private static boolean takesServer(Method method) {
        return Arrays.asList(method.getParameterTypes()).contains(PostgresServer.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path binaries = PostgresServer.findBinaries().orElseThrow(
                () -> new IllegalStateException("no PostgreSQL binaries; the execution condition skips such tests"));
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> start(binaries), PostgresServer.class);
    }

    private static PostgresServer start(Path binaries) {
        try {
            long started = System.nanoTime();
            PostgresServer server = PostgresServer.start(binaries);
            System.out.printf("PostgreSQL test server on 127.0.0.1:%d from %s, up in %d ms%n", server.port(), binaries,
                    (System.nanoTime() - started) / 1_000_000);
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the PostgreSQL test server from " + binaries, e);
        }
    }
}
