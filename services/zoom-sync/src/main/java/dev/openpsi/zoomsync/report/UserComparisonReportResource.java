package dev.openpsi.zoomsync.report;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

import dev.openpsi.security.AccountScope;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Roles;
import io.smallrye.mutiny.Uni;

/** The User Comparison Report: CloudLink users and licences against Zoom users and SIP phones, by email. */
@Path("/api/v1/reports/user-comparison")
@Tag(name = "Reports", description = "User Comparison Report (CSV, generated asynchronously)")
public class UserComparisonReportResource {

    private final UserComparisonReports reports;
    private final AccountScope scope;

    public UserComparisonReportResource(UserComparisonReports reports, AccountScope scope) {
        this.reports = reports;
        this.scope = scope;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Generate a User Comparison Report of the account")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the report, whose status tells when it is ready")
    public Uni<RestResponse<ReportStatus>> request(
            @QueryParam("account") @Parameter(description = "the account (default: the caller's)") String account) {
        String target = scope.targetAccount(account);
        return reports.request(target, scope.subject()).map(report -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.ACCEPTED, report)
                .location(URI.create("/api/v1/reports/user-comparison/" + report.id()))
                .build());
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "Where a report stands")
    @APIResponse(responseCode = "404", description = "No such report of the account",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ReportStatus> status(@PathParam("id") UUID id, @QueryParam("account") String account) {
        return reports.status(scope.targetAccount(account), id);
    }

    @GET
    @Path("/{id}/download")
    @Produces("text/csv")
    @RolesAllowed({Roles.ACCOUNT_ADMIN, Roles.SERVICE})
    @Operation(summary = "The report as CSV: email, name, clUserId, licenses, zmUserId, zmUserStatus, zmSipPhoneId, "
            + "zmSipPhoneNumber, zmSipPhoneMobileId, zmSipPhoneMobileNumber, issues")
    @APIResponse(responseCode = "409", description = "Problem type report-not-ready",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestMulti<byte[]> download(@PathParam("id") UUID id, @QueryParam("account") String account) {
        return RestMulti.fromMultiData(reports.csv(scope.targetAccount(account), id))
                .header("Content-Disposition", "attachment; filename=\"user-comparison-" + id + ".csv\"")
                .build();
    }
}
