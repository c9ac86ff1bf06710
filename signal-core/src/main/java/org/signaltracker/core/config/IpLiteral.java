package org.signaltracker.core.config;

/**
 * Checks that a bind address is a literal IP, never a host name: resolving names at startup would make
 * the daemon depend on DNS and could bind somewhere unexpected. Stateless.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    static boolean isValid(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    private static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255 || (part.length() > 1 && part.charAt(0) == '0')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        if (!text.contains(":") || !text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return false;
        }
        int compressions = text.split("::", -1).length - 1;
        if (compressions > 1) {
            return false;
        }
        String[] groups = text.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (group.isEmpty()) {
                continue;
            }
            if (group.contains(".")) {
                // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups and must come last.
                if (i != groups.length - 1 || !isIpv4(group)) {
                    return false;
                }
                count += 2;
            } else if (group.length() > 4) {
                return false;
            } else {
                count++;
            }
        }
        return compressions == 1 ? count < 8 : count == 8;
    }
}
