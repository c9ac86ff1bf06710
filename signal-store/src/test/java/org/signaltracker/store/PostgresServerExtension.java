package org.signaltracker.store;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one {@link PostgresServer} for the whole run: started on first use, stopped when JUnit
 * closes its root store (it closes stored {@link AutoCloseable} values). Where no PostgreSQL binaries are installed, the tests asking for it are skipped
 * with the reason printed, never silently.
 */
final class PostgresServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == PostgresServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Optional<Path> binaries = PostgresServer.findBinaries();
        if (binaries.isEmpty()) {
            String reason = "SKIPPED PostgreSQL tests: no initdb/pg_ctl under /usr/lib/postgresql/*/bin "
                    + "(install the Debian package postgresql to run them)";
            System.out.println(reason);
            Assumptions.abort(reason);
        }
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("server", key -> start(binaries.get()), PostgresServer.class);
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
