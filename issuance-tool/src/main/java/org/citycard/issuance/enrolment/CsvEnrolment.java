package org.citycard.issuance.enrolment;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.citycard.issuance.staff.Staff;

/**
 * Enrolment from a CSV file (UTF-8 by default, GB 18030 on request) with a header line naming the columns by their
 * dictionary element ids. Each row is enrolled on its own: good rows are kept, each bad row is reported with its line
 * number and every field it breaks; a person enrolled already (an earlier run of the same file) is skipped with their
 * application number, so a file run again after its bad rows were fixed enrols nobody twice. Photograph paths are
 * relative to the CSV file.
 */
public final class CsvEnrolment {
    /** Columns a file must have. */
    public static final List<String> REQUIRED = List.of("citizen_id", "name", "ethnicity", "photo");
    /** Columns a file may have besides (sex and birth date are the ID number's; when given they must agree). */
    public static final List<String> OPTIONAL =
            List.of("sex", "birth_date", "birthplace", "address", "phone", "education", "card_type", "insurance");

    private final EnrolmentService service;

    public CsvEnrolment(EnrolmentService service) {
        this.service = service;
    }

    /**
     * The outcome of one data row: enrolled now ({@code applicationId}), enrolled before ({@code existingApplication},
     * the row changed nothing: a file run again enrols nobody twice) or refused ({@code errors}).
     */
    public record Row(
            int line, String maskedId, Long applicationId, List<FieldError> errors, Long existingApplication) {
        public Row(int line, String maskedId, Long applicationId, List<FieldError> errors) {
            this(line, maskedId, applicationId, errors, null);
        }

        public boolean accepted() {
            return applicationId != null;
        }

        public boolean alreadyEnrolled() {
            return existingApplication != null;
        }
    }

    /** The outcome of a file. */
    public record Report(List<Row> rows) {
        public List<Row> accepted() {
            return rows.stream().filter(Row::accepted).toList();
        }

        public List<Row> rejected() {
            return rows.stream()
                    .filter(r -> !r.accepted() && !r.alreadyEnrolled())
                    .toList();
        }

        /** Rows of people enrolled before (by an earlier run of the file, or an earlier line of it). */
        public List<Row> alreadyEnrolled() {
            return rows.stream().filter(Row::alreadyEnrolled).toList();
        }
    }

    /**
     * Enrols every row of a file.
     *
     * @throws IllegalArgumentException when the header lacks a required column or names an unknown one (nothing is
     *     enrolled then)
     */
    public Report run(Staff actor, Path csv, Charset charset) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Row> rows = new ArrayList<>();
        Path base = csv.toAbsolutePath().getParent();
        try (Reader reader = Files.newBufferedReader(csv, charset);
                MappingIterator<Map<String, String>> it =
                        mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            checkHeader(csv, it);
            while (true) {
                int line = it.getCurrentLocation().getLineNr();
                Map<String, String> values;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    line = it.getCurrentLocation().getLineNr();
                    values = it.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    rows.add(new Row(
                            line, "", null, List.of(FieldError.of("csv", "", "unreadable row: " + e.getMessage()))));
                    break;
                }
                rows.add(enrolRow(actor, line, values, base));
            }
        }
        return new Report(rows);
    }

    private static void checkHeader(Path csv, MappingIterator<Map<String, String>> it) throws IOException {
        if (!it.hasNextValue()) {
            CsvSchema s = (CsvSchema) it.getParserSchema();
            if (s == null || s.size() == 0) {
                throw new IllegalArgumentException(csv + " is empty: the first line names the columns " + REQUIRED);
            }
        }
        CsvSchema schema = (CsvSchema) it.getParserSchema();
        Set<String> columns = new LinkedHashSet<>(schema.getColumnNames());
        List<String> missing =
                REQUIRED.stream().filter(r -> !columns.contains(r)).toList();
        List<String> unknown = columns.stream()
                .filter(c -> !REQUIRED.contains(c) && !OPTIONAL.contains(c))
                .toList();
        if (!missing.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(csv + " line 1: "
                    + (missing.isEmpty() ? "" : "missing columns " + missing + " ")
                    + (unknown.isEmpty() ? "" : "unknown columns " + unknown + " ")
                    + "(required " + REQUIRED + ", optional " + OPTIONAL + ")");
        }
    }

    private Row enrolRow(Staff actor, int line, Map<String, String> v, Path base) {
        String photo = v.get("photo");
        Applicant a = new Applicant(
                v.get("citizen_id"),
                v.get("name"),
                v.get("sex"),
                v.get("ethnicity"),
                v.get("birth_date"),
                v.get("birthplace"),
                v.get("address"),
                v.get("phone"),
                v.get("education"),
                v.get("card_type"),
                v.get("insurance"),
                photo == null || photo.isBlank() ? null : base.resolve(photo.strip()));
        String masked = org.citycard.dictionary.validate.CitizenId.mask(
                a.citizenId() == null ? "" : a.citizenId().strip());
        try {
            return new Row(line, masked, service.enrol(actor, a), List.of());
        } catch (EnrolmentRefusedException e) {
            return new Row(line, masked, null, e.errors());
        } catch (AlreadyEnrolledException e) {
            return new Row(
                    line,
                    masked,
                    null,
                    List.of(FieldError.of("citizen_id", a.citizenId(), e.rule())),
                    e.applicationId());
        }
    }
}
