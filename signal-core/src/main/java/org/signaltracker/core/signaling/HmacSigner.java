package org.signaltracker.core.signaling;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a purpose label and text, as base64url without padding, and its constant-time check.
 * The label keeps a token from being replayed as a cookie and back. Thread-safe: a {@link Mac} is made per
 * call (they are not thread-safe, and this runs at IDENTIFY, registration and cookie checks, not per relay).
 */
final class HmacSigner {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    HmacSigner(byte[] key) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** The signature of {@code text} for {@code purpose}, 43 base64url characters. */
    String sign(String purpose, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '\n');
            return BASE64URL.encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /**
     * Whether {@code signature} is exactly the signature of {@code text}. Compares the encoded text, not
     * decoded bytes, so no character of a valid signature can be changed (base64's spare low bits included).
     */
    boolean verify(String purpose, String text, String signature) {
        byte[] expected = sign(purpose, text).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
    }
}
