package org.signaltracker.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Which database URLs the config accepts, and that no password reaches a log line or an error. */
class DatabaseConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "sqlite:signal-tracker.db", "sqlite:/var/lib/x/t.db", "jdbc:sqlite:t.db",
            "postgresql://127.0.0.1/tracker", "postgresql://db.example:5433/tracker?sslmode=require",
            "jdbc:postgresql://[::1]:5432/tracker"})
    void acceptedUrls(String url) {
        assertTrue(DatabaseConfig.isValidUrl(url), url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite:", "mysql://h/db", "postgresql://", "postgresql:///db", "signal-tracker.db",
            "postgresql://h/db?password=x", "postgresql://h/db?user=u&PASSWORD=x", "postgresql://u:x@h/db",
            "sqlite:with space.db"})
    void refusedUrls(String url) {
        assertFalse(DatabaseConfig.isValidUrl(url), url);
    }

    @Test
    void credentialsInARefusedUrlAreHiddenFromTheError() {
        assertEquals("postgresql://h/db?user=u&password=(hidden)&ssl=true",
                DatabaseConfig.withoutCredentials("postgresql://h/db?user=u&password=s3cret&ssl=true"));
        assertEquals("jdbc:postgresql://u:(hidden)@h/db", DatabaseConfig.withoutCredentials("jdbc:postgresql://u:s3cret@h/db"));
        assertEquals("sqlite:plain.db", DatabaseConfig.withoutCredentials("sqlite:plain.db"));
    }

    @Test
    void theRecordsTextAndTheSummaryHideThePassword() throws Exception {
        SignalTrackerConfig c = ConfigFile.parse("database.url = postgresql://127.0.0.1/t\n"
                + "database.password = very-secret-password\n");
        assertEquals("very-secret-password", c.database().password());
        assertFalse(c.toString().contains("very-secret-password"), c.toString());
        assertTrue(ConfigFile.summary(c).contains("database.password = (set)"), ConfigFile.summary(c));
        assertFalse(ConfigFile.summary(c).contains("very-secret-password"));
        assertTrue(c.database().enabled());
        assertFalse(ConfigFile.parse("database.url =\n").database().enabled());
    }
}
