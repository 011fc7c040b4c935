package dev.openpsi.zoomsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The issue rules of the User Comparison Report, one email at a time. */
class ComparisonRowReportTest {

    private static ComparisonRow row(String clUserId, List<String> licenses, String zoomStatus, String desktop, String mobile) {
        return new ComparisonRow("anna@acme.example.com", clUserId, "Anna", "Schmidt", licenses,
                zoomStatus == null ? null : "zm1", zoomStatus, "Anna", "Schmidt", desktop, desktop == null ? null : "4989700712345",
                mobile, mobile == null ? null : "4989700712345");
    }

    @Test
    void aCompleteUserHasNoIssues() {
        assertEquals(List.of(), row("cl1", List.of("ZoomPSI"), "active", "d1", "m1").issues());
    }

    @Test
    void eachMissingPartIsNamed() {
        assertEquals(List.of(IssueCode.CloudLinkUserNotFound), row(null, List.of("ZoomPSI"), "active", "d1", "m1").issues());
        assertEquals(List.of(IssueCode.ZoomUserNotFound, IssueCode.ZoomSipPhoneNotFound),
                row("cl1", List.of("ZoomPSI"), null, null, null).issues());
        assertEquals(List.of(IssueCode.ZoomUserStatusInactive), row("cl1", List.of("ZoomPSI"), "inactive", "d1", "m1").issues());
        assertEquals(List.of(IssueCode.ZoomUserStatusPending), row("cl1", List.of("ZoomPSI"), "pending", "d1", "m1").issues());
        assertEquals(List.of(IssueCode.ZoomSipPhoneNotFound), row("cl1", List.of("ZoomPSI"), "active", "d1", null).issues(),
                "each user needs its desktop and its mobile instance");
    }

    @Test
    void withoutTheZoomPsiLicenceNoFurtherCheckRuns() {
        assertEquals(List.of(IssueCode.NoClZoomPsiLicense), row("cl1", List.of("Other"), null, null, null).issues());
        assertEquals(List.of(IssueCode.CloudLinkUserNotFound, IssueCode.NoClZoomPsiLicense),
                row(null, List.of(), "inactive", null, null).issues());
    }

    @Test
    void csvQuotesListValuesAndNamesWithCommas() {
        StringBuilder out = new StringBuilder();
        ComparisonCsv.append(out, new ComparisonRow("a@acme.example.com", "cl1", "Schmidt,", "Anna", List.of("ZoomPSI"),
                "zm1", "active", null, null, "d1", "4989700712345", null, null));
        assertEquals("a@acme.example.com,\"Schmidt, Anna\",cl1,\"[\"\"ZoomPSI\"\"]\",zm1,active,d1,4989700712345,,,"
                + "\"[\"\"ZoomSipPhoneNotFound\"\"]\"\r\n", out.toString());
    }
}
