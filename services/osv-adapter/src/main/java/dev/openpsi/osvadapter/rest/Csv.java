package dev.openpsi.osvadapter.rest;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: records end with CRLF (a lone LF or CR is accepted too), fields are
 * separated by commas, a field in double quotes may hold commas, line breaks and doubled quotes.
 * A leading byte order mark is skipped; empty lines are skipped (they hold no record).
 */
final class Csv {

    /** The text is not CSV; the message says where. */
    static final class MalformedCsvException extends Exception {

        private static final long serialVersionUID = 1L;

        MalformedCsvException(String message) {
            super(message);
        }
    }

    /** One record and the line it starts on (1-based). */
    record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    static List<Record> parse(String text) throws MalformedCsvException {
        List<Record> records = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int line = 1;
        int n = text.length();
        while (i < n) {
            int recordLine = line;
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean endOfRecord = false;
            boolean emptyLine = true;
            while (!endOfRecord) {
                if (i < n && text.charAt(i) == '"') {
                    emptyLine = false;
                    i++;
                    while (true) {
                        if (i >= n) {
                            throw new MalformedCsvException("line " + recordLine + ": a quoted field is not closed");
                        }
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                field.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            break;
                        }
                        if (c == '\n' || c == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n')) {
                            line++;
                        }
                        field.append(c);
                        i++;
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                        throw new MalformedCsvException("line " + line + ": text after the closing quote of a field");
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == ',' || c == '\r' || c == '\n') {
                            break;
                        }
                        if (c == '"') {
                            throw new MalformedCsvException("line " + line
                                    + ": a quote inside an unquoted field (quote the whole field and double the quote)");
                        }
                        emptyLine = false;
                        field.append(c);
                        i++;
                    }
                }
                fields.add(field.toString());
                field.setLength(0);
                if (i >= n) {
                    endOfRecord = true;
                } else if (text.charAt(i) == ',') {
                    emptyLine = false;
                    i++;
                } else {
                    // CRLF, LF or CR
                    i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                    line++;
                    endOfRecord = true;
                }
            }
            if (!emptyLine) {
                records.add(new Record(recordLine, List.copyOf(fields)));
            }
        }
        return records;
    }
}
