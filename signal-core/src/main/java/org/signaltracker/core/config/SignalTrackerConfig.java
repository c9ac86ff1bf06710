package org.signaltracker.core.config;

/**
 * The daemon's whole configuration: one immutable tree, one record per section of
 * {@code config/signal-tracker.conf}, in the same order as the file.
 */
public record SignalTrackerConfig(
        ServerConfig server,
        WebSocketConfig webSocket,
        TrackerConfig tracker,
        LimitsConfig limits,
        SignalingConfig signaling,
        LogConfig log,
        AccessConfig access,
        DatabaseConfig database,
        AdminConfig admin,
        TlsConfig tls,
        ClassicConfig classic) {

    public static SignalTrackerConfig defaults() {
        return new SignalTrackerConfig(
                ServerConfig.defaults(),
                WebSocketConfig.defaults(),
                TrackerConfig.defaults(),
                LimitsConfig.defaults(),
                SignalingConfig.defaults(),
                LogConfig.defaults(),
                AccessConfig.defaults(),
                DatabaseConfig.defaults(),
                AdminConfig.defaults(),
                TlsConfig.defaults(),
                ClassicConfig.defaults());
    }
}
