package org.signaltracker.core.signaling;

/**
 * The rule for usernames and room ids: 1 to 64 characters of {@code A-Z a-z 0-9 _ . -}. Such a name needs
 * no escaping in JSON, in a cookie value or in a URL path, which is why the rule is this narrow.
 * Stateless and thread-safe.
 */
public final class Names {

    public static final int MAX_LENGTH = 64;

    private Names() {
    }

    public static boolean isValid(CharSequence name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                || c == '-';
    }
}
