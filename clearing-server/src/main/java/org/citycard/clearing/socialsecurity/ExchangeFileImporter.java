package org.citycard.clearing.socialsecurity;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.citycard.clearing.exchange.ExchangeText;
import org.citycard.clearing.exchange.MedicalMovementLedger;
import org.citycard.clearing.support.Checks;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports a department exchange file ({@code social_security_exchange}): header first, trailer last with the
 * number of lines between, contributions (C) and medical-account movements (M) in between. A file whose frame is
 * broken (no header, no trailer, a count that does not match: a truncated or concatenated file) is refused whole;
 * otherwise every bad row is reported by its line, field, value and rule and left out, the good rows are stored, all
 * in one transaction. The same file again (same SHA-256) changes nothing and is answered as imported before; a
 * movement sent again in another file is booked once, by its sender and movement ID ({@link MedicalMovementLedger}).
 * No full citizen ID number is kept in a row's error. Callers authenticate the file first
 * ({@code exchange.DepartmentFileIntake}: size, line count and the trailer's MAC, issue 15).
 */
@Service
public class ExchangeFileImporter {
    public static final String LAYOUT = "social_security_exchange";
    private static final Logger log = LoggerFactory.getLogger(ExchangeFileImporter.class);
    private static final FixedWidthCodec CODEC = new FixedWidthCodec(Dictionary.standard(), LAYOUT);
    private static final Pattern LINE = Pattern.compile("line (\\d+)");

    private final SocialSecurityRepository repository;
    private final Clock clock;
    private final MedicalMovementLedger ledger;

    public ExchangeFileImporter(SocialSecurityRepository repository, Clock clock, MedicalMovementLedger ledger) {
        this.repository = repository;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** A row left out: its line number, the field, the value and the rule it broke. */
    public record RowError(int line, String field, String value, String rule) {
        /** Citizen ID numbers in it masked (issue 15): what is reported is also stored and logged. */
        public RowError {
            field = ExchangeText.masked(field);
            value = ExchangeText.masked(value);
            rule = ExchangeText.masked(rule);
        }

        @Override
        public String toString() {
            return "line " + line + ": " + field + " = '" + value + "': " + rule;
        }
    }

    /**
     * What an import did.
     *
     * @param detailLines the lines between header and trailer
     * @param importedBefore true when this very file had been imported before (nothing changed now)
     */
    public record Result(
            String sha256,
            String fileName,
            String sender,
            String created,
            int detailLines,
            int contributions,
            int movements,
            int rejected,
            List<RowError> errors,
            boolean importedBefore) {}

    @Transactional
    public Result importFile(String fileName, byte[] content, String importedBy) {
        Checks.require(
                fileName != null && !fileName.isBlank() && fileName.length() <= 120,
                "name",
                fileName,
                "the file's name, 1..120 characters");
        Checks.require(content != null && content.length > 0, "file", "", "an exchange file, not empty");
        String sha = sha256(content);
        var before = repository.imported(sha);
        if (before.isPresent()) {
            SocialSecurityRepository.Imported i = before.get();
            return new Result(
                    sha,
                    i.fileName(),
                    i.sender(),
                    i.created(),
                    i.detailLines(),
                    i.contributions(),
                    i.movements(),
                    i.rejected(),
                    List.of(),
                    true);
        }
        FixedWidthCodec.ReadResult read = CODEC.read(content);
        Map<Integer, FixedWidthCodec.Line> lines = new HashMap<>();
        read.lines().forEach(l -> lines.put(l.number(), l));
        List<RowError> errors = new ArrayList<>();
        for (ValidationException e : read.errors()) {
            errors.add(new RowError(lineOf(e.field()), e.field(), e.value(), e.rule()));
        }
        int total = lines.size() + errors.size();
        FixedWidthCodec.Line header = lines.get(1);
        FixedWidthCodec.Line trailer = lines.get(total);
        if (header == null || !"H".equals(header.type())) {
            throw new ValidationException(
                    LAYOUT + " line 1", firstError(errors, 1), "the file starts with its header (H): refused whole");
        }
        if (total < 2 || trailer == null || !"T".equals(trailer.type())) {
            throw new ValidationException(
                    LAYOUT + " line " + total,
                    firstError(errors, total),
                    "the file ends with its trailer (T): refused whole, it may be cut short");
        }
        int detailLines = total - 2;
        long declared = Long.parseLong(trailer.get("line_count"));
        if (declared != detailLines) {
            throw new ValidationException(
                    LAYOUT + " line " + total + " field line_count",
                    trailer.get("line_count"),
                    "the trailer counts the lines between header and trailer, here " + detailLines + ": refused whole");
        }

        Map<String, Integer> seen = new HashMap<>();
        int contributions = 0;
        int movements = 0;
        int bookedBefore = 0;
        for (int n = 2; n < total; n++) {
            FixedWidthCodec.Line l = lines.get(n);
            if (l == null) {
                continue; // reported by the codec
            }
            RowError problem = check(l, seen);
            if (problem != null) {
                errors.add(problem);
                continue;
            }
            if ("C".equals(l.type())) {
                repository.put(
                        new SocialSecurityRepository.Contribution(
                                l.get("citizen_id"),
                                l.get("month"),
                                l.get("insurance_type"),
                                Long.parseLong(l.get("base")),
                                Long.parseLong(l.get("employer_amount")),
                                Long.parseLong(l.get("personal_amount")),
                                l.get("payer")),
                        sha);
                contributions++;
            } else {
                var booking = ledger.book(
                        header.get("sender"),
                        l.get("movement_id"),
                        new SocialSecurityRepository.Movement(
                                l.get("citizen_id"),
                                l.get("date"),
                                l.get("direction"),
                                Long.parseLong(l.get("amount")),
                                Long.parseLong(l.get("balance_after")),
                                l.get("description"),
                                n),
                        sha);
                if (booking instanceof MedicalMovementLedger.Booking.Conflict c) {
                    errors.add(new RowError(
                            n, LAYOUT + " line " + n + " field movement_id", l.get("movement_id"), c.rule()));
                } else if (booking instanceof MedicalMovementLedger.Booking.Before) {
                    bookedBefore++;
                } else {
                    movements++;
                }
            }
        }
        errors.sort(java.util.Comparator.comparingInt(RowError::line));
        repository.insert(new SocialSecurityRepository.Imported(
                sha,
                ExchangeText.masked(fileName),
                header.get("sender"),
                header.get("created"),
                detailLines,
                contributions,
                movements,
                errors.size(),
                summary(errors),
                importedBy,
                clock.instant()));
        log.info(
                "exchange file {} from {}: {} contributions, {} movements ({} taken in before), {} rows rejected",
                ExchangeText.masked(fileName),
                header.get("sender"),
                contributions,
                movements,
                bookedBefore,
                errors.size());
        return new Result(
                sha,
                fileName,
                header.get("sender"),
                header.get("created"),
                detailLines,
                contributions,
                movements,
                errors.size(),
                errors,
                false);
    }

    /** Rules beyond the layout's: a header or trailer in between, the direction, a contribution twice. */
    private static RowError check(FixedWidthCodec.Line l, Map<String, Integer> seen) {
        String where = LAYOUT + " line " + l.number();
        switch (l.type()) {
            case "H", "T" -> {
                return new RowError(
                        l.number(),
                        where + " record_type",
                        l.type(),
                        "a header or trailer between" + " the detail lines");
            }
            case "M" -> {
                if (l.get("movement_id").isEmpty()) {
                    return new RowError(
                            l.number(),
                            where + " field movement_id",
                            "",
                            "the department's ID of the movement, 1..20 characters: a movement is booked once by"
                                    + " its sender and ID");
                }
                String d = l.get("direction");
                if (!d.equals("I") && !d.equals("O")) {
                    return new RowError(l.number(), where + " field direction", d, "I (in) or O (out)");
                }
                return null;
            }
            default -> {
                String key = l.get("citizen_id") + "/" + l.get("month") + "/" + l.get("insurance_type");
                Integer first = seen.putIfAbsent(key, l.number());
                if (first != null) {
                    return new RowError(
                            l.number(),
                            where,
                            key,
                            "the contribution of this citizen, month and insurance type is on line " + first
                                    + " already");
                }
                return null;
            }
        }
    }

    private static String firstError(List<RowError> errors, int line) {
        return errors.stream()
                .filter(e -> e.line() == line)
                .map(e -> e.field() + ": " + e.rule())
                .findFirst()
                .orElse("");
    }

    private static int lineOf(String field) {
        Matcher m = LINE.matcher(String.valueOf(field));
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static String summary(List<RowError> errors) {
        StringBuilder sb = new StringBuilder();
        for (RowError e : errors) {
            String s = e + "\n";
            if (sb.length() + s.length() > 7_900) {
                sb.append("… ").append(errors.size()).append(" rows rejected in all\n");
                break;
            }
            sb.append(s);
        }
        return sb.toString();
    }

    static String sha256(byte[] content) {
        try {
            return Hex.of(MessageDigest.getInstance("SHA-256").digest(content)).toLowerCase(java.util.Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
