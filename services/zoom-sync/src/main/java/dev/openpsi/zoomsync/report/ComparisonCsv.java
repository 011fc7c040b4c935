package dev.openpsi.zoomsync.report;

import java.util.List;
import java.util.stream.Collectors;

/** The report's CSV (RFC 4180): exactly the vendor's columns, list values written like {@code ["ZoomPSI"]}. */
final class ComparisonCsv {

    static final String HEADER = "email,name,clUserId,licenses,zmUserId,zmUserStatus,zmSipPhoneId,zmSipPhoneNumber,"
            + "zmSipPhoneMobileId,zmSipPhoneMobileNumber,issues\r\n";

    private ComparisonCsv() {
    }

    static void append(StringBuilder out, ComparisonRow row) {
        List<IssueCode> issues = row.issues();
        field(out, row.email()).append(',');
        field(out, row.name()).append(',');
        field(out, row.clUserId()).append(',');
        field(out, list(row.licenses())).append(',');
        field(out, row.zoomUserId()).append(',');
        field(out, row.zoomUserStatus()).append(',');
        field(out, row.desktopPhoneId()).append(',');
        field(out, row.desktopPhoneNumber()).append(',');
        field(out, row.mobilePhoneId()).append(',');
        field(out, row.mobilePhoneNumber()).append(',');
        field(out, list(issues.stream().map(Enum::name).toList())).append("\r\n");
    }

    private static String list(List<String> values) {
        return values == null ? "[]"
                : values.stream().map(v -> "\"" + v + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** Quotes a field holding a comma, quote or line break, doubling its quotes. */
    private static StringBuilder field(StringBuilder out, String value) {
        if (value == null) {
            return out;
        }
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        if (!quote) {
            return out.append(value);
        }
        return out.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
