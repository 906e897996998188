package org.citycard.dictionary;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.citycard.dictionary.DictionaryException.Problem;
import org.citycard.dictionary.DictionaryLoader.IsoFile;
import org.citycard.dictionary.DictionaryLoader.Manifest;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.crypto.KeySpec;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.iso8583.Iso8583Spec;

/**
 * The rules a definition file must keep: unique ids, known references, fields that fit and do not overlap,
 * message fields the packager defines, a demo key set marked demo-only. Each broken rule becomes a
 * {@link Problem} naming the file, the entry and the rule; the loader reports them all at once. One class per
 * definition file does the checking ({@link ElementChecks}, {@link CardChecks}, {@link FormatChecks}, {@link
 * Iso8583Checks}, {@link KeyChecks}, with {@link LayoutFieldChecks} for the fields they share); this is the
 * loader's one entry point to them.
 */
final class DictionaryChecks {
    static final Set<String> ACCESS = CardChecks.ACCESS;

    private final CheckContext ctx;
    private final ElementChecks elements;
    private final CardChecks card;
    private final FormatChecks formats;
    private final Iso8583Checks iso;
    private final KeyChecks keys;
    private final LayoutFieldChecks fields;

    DictionaryChecks(Manifest manifest, List<Problem> problems) {
        this.ctx = new CheckContext(manifest, problems);
        this.fields = new LayoutFieldChecks(ctx);
        this.elements = new ElementChecks(ctx);
        this.card = new CardChecks(ctx, fields);
        this.formats = new FormatChecks(ctx, fields);
        this.iso = new Iso8583Checks(ctx);
        this.keys = new KeyChecks(ctx);
    }

    void setContext(Map<String, DataElement> elements, Map<String, CodeTable> codeTables) {
        ctx.elements = elements;
        ctx.codeTables = codeTables;
    }

    <T> Map<String, T> unique(String file, String what, List<T> list, Function<T, String> key) {
        return elements.unique(file, what, list, key);
    }

    void checkElements(List<DataElement> list) {
        elements.checkElements(list);
    }

    void checkCodeTable(String file, CodeTable t) {
        elements.checkCodeTable(file, t);
    }

    Application checkApplication(Application app) {
        return card.checkApplication(app);
    }

    List<LayoutField> binaryFields(String file, String entry, List<LayoutField> list, int size) {
        return fields.binaryFields(file, entry, list, size);
    }

    void checkCommand(CardCommand c, Set<String> apps, Set<String> statusWords) {
        card.checkCommand(c, apps, statusWords);
    }

    BinaryLayout checkBinaryLayout(BinaryLayout l) {
        return formats.checkBinaryLayout(l);
    }

    TextLayout checkTextLayout(TextLayout l) {
        return formats.checkTextLayout(l);
    }

    Iso8583Spec checkIso8583(IsoFile file, String packagerXml, Set<String> binaryLayouts) {
        return iso.checkIso8583(file, packagerXml, binaryLayouts);
    }

    void checkKeys(KeySpec spec) {
        keys.checkKeys(spec);
    }
}
