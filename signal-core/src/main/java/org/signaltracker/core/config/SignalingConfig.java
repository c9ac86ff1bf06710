package org.signaltracker.core.config;

/**
 * Section {@code signaling}: identities, rooms and relay on {@code /ws}, {@code /ws/{roomId}} and
 * {@code /v1/connect}. Immutable. {@link #toString()} hides both secrets, so logging the record is safe.
 *
 * @param authMode                   {@code none}: IDENTIFY's username is the identity; {@code hmac}: IDENTIFY
 *                                   needs a token signed with {@code hmacSecret} for that username
 * @param hmacSecret                 key of the tokens (empty, or at least 32 characters; required for hmac)
 * @param adminToken                 bearer token of the admin routes; empty turns them off
 * @param clientVersions             comma-separated accepted {@code clientVersion}s; empty accepts any
 * @param duplicateName              {@code reject} an IDENTIFY of a name in use, or {@code replace} its holder
 * @param messagesPerSecond          sustained messages per second one signaling connection may send
 * @param messageBurst               messages one signaling connection may send at once above the rate
 * @param maxRoomMembers             members of one room (named or keyed) at most
 * @param maxRoomsPerConnection      named rooms one connection may be in at once
 * @param keyedRoomIdleSeconds       an empty keyed room expires after this long
 * @param maxKeyedRoomsPerAddress    live keyed rooms one address may have created
 * @param maxKeyedRooms              live keyed rooms in total
 * @param maxRegistrations           live {@code /v1/register} names in total
 * @param registrationTtlSeconds     a registration unused this long expires
 * @param reliableQueueBytes         bytes of relays and room events queued for one slow reader at most
 * @param unidentifiedTimeoutSeconds a {@code /ws} connection not identified this long after opening is closed
 */
public record SignalingConfig(
        String authMode,
        String hmacSecret,
        String adminToken,
        String clientVersions,
        String duplicateName,
        int messagesPerSecond,
        int messageBurst,
        int maxRoomMembers,
        int maxRoomsPerConnection,
        int keyedRoomIdleSeconds,
        int maxKeyedRoomsPerAddress,
        int maxKeyedRooms,
        int maxRegistrations,
        int registrationTtlSeconds,
        int reliableQueueBytes,
        int unidentifiedTimeoutSeconds) {

    public static final String AUTH_NONE = "none";
    public static final String AUTH_HMAC = "hmac";
    public static final String DUPLICATE_REJECT = "reject";
    public static final String DUPLICATE_REPLACE = "replace";
    /** Shortest accepted {@code hmacSecret}: 32 characters of a random text carry well over 128 bits. */
    public static final int MIN_SECRET_CHARS = 32;
    /** Shortest accepted {@code adminToken}. */
    public static final int MIN_ADMIN_TOKEN_CHARS = 16;

    public static SignalingConfig defaults() {
        return new SignalingConfig(AUTH_NONE, "", "", "", DUPLICATE_REJECT, 1_000, 10_000, 1_000, 1_000, 600, 100,
                100_000, 1_000_000, 86_400, 8_388_608, 30);
    }

    public boolean hmac() {
        return AUTH_HMAC.equals(authMode);
    }

    public boolean replaceDuplicates() {
        return DUPLICATE_REPLACE.equals(duplicateName);
    }

    @Override
    public String toString() {
        return "SignalingConfig[authMode=" + authMode + ", hmacSecret=" + shown(hmacSecret) + ", adminToken="
                + shown(adminToken) + ", clientVersions=" + clientVersions + ", duplicateName=" + duplicateName
                + ", messagesPerSecond=" + messagesPerSecond + ", messageBurst=" + messageBurst + ", maxRoomMembers="
                + maxRoomMembers + ", maxRoomsPerConnection=" + maxRoomsPerConnection + ", keyedRoomIdleSeconds="
                + keyedRoomIdleSeconds + ", maxKeyedRoomsPerAddress=" + maxKeyedRoomsPerAddress + ", maxKeyedRooms="
                + maxKeyedRooms + ", maxRegistrations=" + maxRegistrations + ", registrationTtlSeconds="
                + registrationTtlSeconds + ", reliableQueueBytes=" + reliableQueueBytes
                + ", unidentifiedTimeoutSeconds=" + unidentifiedTimeoutSeconds + "]";
    }

    private static String shown(String secret) {
        return secret.isEmpty() ? "" : Knob.SECRET_SHOWN;
    }
}
