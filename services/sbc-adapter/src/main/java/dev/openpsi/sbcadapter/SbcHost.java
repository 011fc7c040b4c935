package dev.openpsi.sbcadapter;

/**
 * The syntax of the "IP/FQDN" of an SBC access interface: a dotted-quad IPv4 address, an IPv6
 * address in RFC 4291 text form, or a fully qualified domain name of RFC 1123 labels. A bare host
 * only: no scheme, port, path, brackets, zone id or trailing dot, so the value can be handed to a
 * Zoom SIP phone's register/proxy server as it is. Internationalised names are given in their ASCII
 * (punycode, {@code xn--}) form.
 */
public final class SbcHost {

    /** RFC 1035 section 2.3.4: at most 253 characters in text form (255 octets on the wire). */
    public static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private SbcHost() {
    }

    /** Whether {@code host} is an IPv4 address, an IPv6 address or an FQDN. */
    public static boolean isValid(String host) {
        if (host == null || host.isEmpty() || host.length() > MAX_LENGTH) {
            return false;
        }
        return isIpv4(host) || isIpv6(host) || isFqdn(host);
    }

    /** Four decimal octets 0-255 without leading zeros (which some parsers read as octal). */
    public static boolean isIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (!isDecimalOctet(octet)) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one "::" standing for one or more
     * zero groups, and an IPv4 address in place of the last two groups.
     */
    public static boolean isIpv6(String host) {
        if (host.indexOf(':') < 0) {
            return false;
        }
        int doubleColon = host.indexOf("::");
        if (doubleColon >= 0 && host.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        if (doubleColon >= 0) {
            String head = host.substring(0, doubleColon);
            String tail = host.substring(doubleColon + 2);
            int headGroups = head.isEmpty() ? 0 : groups(head, false);
            int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
            if (headGroups < 0 || tailGroups < 0) {
                return false;
            }
            // "::" replaces at least one group
            return headGroups + tailGroups <= 7;
        }
        return groups(host, true) == 8;
    }

    /**
     * Two or more RFC 1123 labels (letters, digits, inner hyphens; 1 to 63 characters each) whose
     * last one is not all digits (RFC 3696 section 2), so a mistyped IP address is not taken for a name.
     */
    public static boolean isFqdn(String host) {
        String[] labels = host.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!isLabel(label)) {
                return false;
            }
        }
        return !labels[labels.length - 1].chars().allMatch(SbcHost::isDigit);
    }

    /** The number of 16-bit groups in a colon-separated run (an IPv4 tail counts two); -1 if malformed. */
    private static int groups(String run, boolean ipv4TailAllowed) {
        String[] parts = run.split(":", -1);
        int groups = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (i == parts.length - 1 && ipv4TailAllowed && part.indexOf('.') >= 0) {
                if (!isIpv4(part)) {
                    return -1;
                }
                groups += 2;
            } else if (isHexGroup(part)) {
                groups++;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (!(isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimalOctet(String octet) {
        if (octet.isEmpty() || octet.length() > 3 || !octet.chars().allMatch(SbcHost::isDigit)) {
            return false;
        }
        if (octet.length() > 1 && octet.charAt(0) == '0') {
            return false;
        }
        return Integer.parseInt(octet) <= 255;
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
            return false;
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }
}
