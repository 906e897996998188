package org.citycard.clearing.exchange;

import java.util.Arrays;
import java.util.Optional;
import org.citycard.clearing.socialsecurity.ExchangeFileImporter;
import org.citycard.dictionary.exchange.FileMac;
import org.citycard.dictionary.validate.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The door of the department exchange files (issue 15): before anything of a file is parsed, its size and its
 * number of lines are checked against {@code citycard.exchange.max-file-bytes} and {@code max-entries}, and its
 * trailer's MAC against the exchange-file key the server issued to the header's sender ({@link FileKeys}); a file
 * that fails any of these is refused whole, naming the file and the rule, and nothing of it is stored. Then the
 * importer takes it in (movements idempotent by sender and movement ID).
 */
@Service
public class DepartmentFileIntake {
    private static final Logger log = LoggerFactory.getLogger(DepartmentFileIntake.class);

    private final ExchangeFileImporter importer;
    private final FileKeys keys;
    private final ExchangeProperties properties;

    DepartmentFileIntake(ExchangeFileImporter importer, FileKeys keys, ExchangeProperties properties) {
        this.importer = importer;
        this.keys = keys;
        this.properties = properties;
    }

    public ExchangeFileImporter.Result importFile(String fileName, byte[] content, String importedBy) {
        String file = "file " + ExchangeText.masked(String.valueOf(fileName));
        try {
            checkSize(file, content);
            String sender = sender(file, content);
            Optional<byte[]> key = keys.key(sender);
            if (key.isEmpty()) {
                throw new ValidationException(
                        file + " header field sender",
                        sender,
                        "the trailer's " + FileMac.FIELD + " is verified with the exchange-file key issued to the"
                                + " sender, and none was issued to this department (POST"
                                + " /api/v1/admin/exchange/file-keys/" + sender + "): refused whole, nothing stored");
            }
            byte[] k = key.get();
            try {
                String declared = FileMac.declared(content);
                if (declared.isEmpty() || !FileMac.verify(content, k)) {
                    throw new ValidationException(
                            file + " trailer field " + FileMac.FIELD,
                            declared,
                            (declared.isEmpty() ? "missing" : "does not verify")
                                    + ": the HMAC-SHA256 of the file's bytes before it with the exchange-file key"
                                    + " of sender " + sender + " (check value " + FileMac.checkValue(k)
                                    + "): refused whole, nothing stored");
                }
            } finally {
                Arrays.fill(k, (byte) 0);
            }
        } catch (ValidationException e) {
            log.warn("exchange: {} refused: {}", file, ExchangeText.masked(e.getMessage()));
            throw e;
        }
        return importer.importFile(fileName, content, importedBy);
    }

    private void checkSize(String file, byte[] content) {
        if (content == null || content.length == 0) {
            throw new ValidationException(file, "", "an exchange file, not empty");
        }
        if (content.length > properties.maxFileBytes()) {
            throw new ValidationException(
                    file,
                    content.length + " bytes",
                    "at most " + properties.maxFileBytes()
                            + " bytes (citycard.exchange.max-file-bytes): refused before parsing, nothing stored");
        }
        long lines = 0;
        for (byte b : content) {
            if (b == '\n') {
                lines++;
            }
        }
        if (content[content.length - 1] != '\n') {
            lines++;
        }
        if (lines - 2 > properties.maxEntries()) {
            throw new ValidationException(
                    file,
                    (lines - 2) + " detail lines",
                    "at most " + properties.maxEntries()
                            + " detail lines (citycard.exchange.max-entries): refused before parsing, nothing stored");
        }
    }

    /** The header's sender (where the layout puts it), before the file is parsed. */
    private static String sender(String file, byte[] content) {
        String sender = FileMac.sender(content);
        if (sender.isEmpty()) {
            throw new ValidationException(
                    file + " line 1 field sender",
                    "",
                    "the file starts with its header (H) naming the sending department: refused whole");
        }
        return sender;
    }
}
