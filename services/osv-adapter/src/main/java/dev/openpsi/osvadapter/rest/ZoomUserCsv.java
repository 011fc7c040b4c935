package dev.openpsi.osvadapter.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.openpsi.osvadapter.service.ZoomUserImport;
import dev.openpsi.security.Problem;
import dev.openpsi.security.Problem.FieldError;
import dev.openpsi.security.ProblemException;

/**
 * Reads the CSV of a Zoom user import into rows checked with the same rules as
 * {@link CreateZoomUserRequest}. The header row is fixed; a file that is not such a CSV is refused
 * as a whole (400), while a row with bad values only fails itself.
 */
final class ZoomUserCsv {

    static final List<String> HEADER = List.of("email", "firstName", "lastName", "sbcConfigurationId", "dn",
            "voicemailCallbackNumber");
    static final String MEDIA_TYPE = "text/csv";

    private ZoomUserCsv() {
    }

    static List<ZoomUserImport.Row> rows(String body, Validator validator) {
        List<Csv.Record> records;
        try {
            records = Csv.parse(body == null ? "" : body);
        } catch (Csv.MalformedCsvException e) {
            throw malformed(e.getMessage(), List.of());
        }
        if (records.isEmpty()) {
            throw malformed("the file is empty; it needs the header row " + String.join(",", HEADER),
                    List.of(new FieldError("header", "is missing")));
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (!header.equals(HEADER)) {
            throw malformed("the header row must be " + String.join(",", HEADER) + " but is " + String.join(",", header),
                    List.of(new FieldError("header", "must be " + String.join(",", HEADER))));
        }
        int dataRows = records.size() - 1;
        if (dataRows > ZoomUserImport.MAX_ROWS) {
            throw new ProblemException(Problem.rule(400, "too-many-rows", "Invalid request",
                    "an import takes at most " + ZoomUserImport.MAX_ROWS + " rows, this file has " + dataRows,
                    List.of(new FieldError("rows", "at most " + ZoomUserImport.MAX_ROWS))));
        }
        List<ZoomUserImport.Row> rows = new ArrayList<>(dataRows);
        for (int r = 1; r < records.size(); r++) {
            rows.add(row(r, records.get(r).fields(), validator));
        }
        return rows;
    }

    private static ZoomUserImport.Row row(int number, List<String> fields, Validator validator) {
        String email = ZoomUserInput.normalizeEmail(cell(fields, 0));
        if (fields.size() != HEADER.size()) {
            return new ZoomUserImport.Row(number, email, null, List.of(new FieldError("row",
                    "has " + fields.size() + " fields, the header has " + HEADER.size())));
        }
        CreateZoomUserRequest request = new CreateZoomUserRequest(cell(fields, 0), cell(fields, 1), cell(fields, 2),
                cell(fields, 3), cell(fields, 4), cell(fields, 5));
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<CreateZoomUserRequest> v : validator.validate(request)) {
            errors.add(new FieldError(v.getPropertyPath().toString(), v.getMessage()));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::reason));
            return new ZoomUserImport.Row(number, email, null, List.copyOf(errors));
        }
        return new ZoomUserImport.Row(number, email, request.toDraft(), List.of());
    }

    /** A cell without surrounding blanks; empty means absent. */
    private static String cell(List<String> fields, int index) {
        if (index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static ProblemException malformed(String detail, List<FieldError> errors) {
        return new ProblemException(Problem.rule(400, "malformed-csv", "Malformed CSV", detail, errors));
    }
}
