package org.citycard.dictionary;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.format.TextRecordType;

/** Binary and text layouts of formats.yaml: fields that fit, constants of their width, lines of the declared length. */
final class FormatChecks extends DefinitionCheck {
    private final LayoutFieldChecks layoutFields;

    FormatChecks(CheckContext ctx, LayoutFieldChecks fields) {
        super(ctx);
        this.layoutFields = fields;
    }

    BinaryLayout checkBinaryLayout(BinaryLayout l) {
        String entry = "binary layout " + l.id();
        names(ctx.manifest.formats(), entry, l.zh(), l.en());
        List<LayoutField> fields = layoutFields.binaryFields(ctx.manifest.formats(), entry, l.fields(), l.size());
        return new BinaryLayout(l.id(), l.zh(), l.en(), l.size(), l.note(), fields);
    }

    TextLayout checkTextLayout(TextLayout l) {
        String file = ctx.manifest.formats();
        String entry = "text layout " + l.id();
        names(file, entry, l.zh(), l.en());
        Charset charset = StandardCharsets.US_ASCII;
        try {
            charset = Charset.forName(l.encoding());
        } catch (RuntimeException e) {
            problem(file, entry, "unknown encoding '" + l.encoding() + "'");
        }
        unique(file, entry + ", record type", l.records(), TextRecordType::type);
        List<TextRecordType> records = new ArrayList<>();
        for (TextRecordType r : l.records()) {
            String re = entry + ", record " + r.type();
            if (r.type() == null || r.type().length() != 1) {
                problem(file, re, "a record type is one character");
            }
            int total = 0;
            List<LayoutField> fields = new ArrayList<>();
            for (LayoutField f : r.fields()) {
                LayoutField rf = layoutFields.resolve(file, re, f);
                if (rf == null) {
                    continue;
                }
                if (rf.offset() != null) {
                    problem(file, re + ", field " + rf.key(), "text fields have no offset; they follow each other");
                }
                if (rf.value() != null && rf.value().getBytes(charset).length != rf.length()) {
                    problem(
                            file,
                            re + ", field " + rf.key(),
                            "constant '" + rf.value() + "' is not " + rf.length() + " bytes");
                }
                total += rf.length();
                fields.add(rf);
            }
            if (!fields.isEmpty()
                    && !(fields.get(0).value() != null && fields.get(0).value().equals(r.type()))) {
                problem(file, re, "the first field must be the constant record type '" + r.type() + "'");
            }
            if (total != l.lineLength()) {
                problem(file, re, "field lengths add up to " + total + ", not the line length " + l.lineLength());
            }
            records.add(new TextRecordType(r.type(), r.zh(), r.en(), fields));
        }
        return new TextLayout(l.id(), l.zh(), l.en(), l.encoding(), l.lineLength(), l.lineEnd(), l.note(), records);
    }
}
