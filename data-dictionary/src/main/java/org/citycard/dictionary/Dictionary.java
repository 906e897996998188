package org.citycard.dictionary;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardParameter;
import org.citycard.dictionary.card.ClaValue;
import org.citycard.dictionary.card.StatusWord;
import org.citycard.dictionary.crypto.KeySpec;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.iso8583.Iso8583Spec;

/**
 * The CityCard data dictionary: the one definition of every data element, code table, card file, APDU, record
 * and message format, bank file layout and key. Loaded and validated from the YAML definition files; every
 * other module reads its contract from here.
 *
 * <pre>{@code
 * Dictionary dict = Dictionary.standard();
 * CodeTable sex = dict.codeTable("sex");
 * CardCommand debit = dict.command("debit_for_purchase");
 * }</pre>
 */
public final class Dictionary {
    private static volatile Dictionary standard;

    private final Map<String, DataElement> elements;
    private final Map<String, CodeTable> codeTables;
    private final Map<String, CardParameter> parameters;
    private final Map<String, Application> applications;
    private final Map<String, CardCommand> commands;
    private final Map<String, StatusWord> statusWords;
    private final List<ClaValue> claValues;
    private final Map<String, BinaryLayout> binaryLayouts;
    private final Map<String, TextLayout> textLayouts;
    private final Iso8583Spec iso8583;
    private final KeySpec keys;

    Dictionary(
            Map<String, DataElement> elements,
            Map<String, CodeTable> codeTables,
            Map<String, CardParameter> parameters,
            Map<String, Application> applications,
            Map<String, CardCommand> commands,
            Map<String, StatusWord> statusWords,
            List<ClaValue> claValues,
            Map<String, BinaryLayout> binaryLayouts,
            Map<String, TextLayout> textLayouts,
            Iso8583Spec iso8583,
            KeySpec keys) {
        this.elements = elements;
        this.codeTables = codeTables;
        this.parameters = parameters;
        this.applications = applications;
        this.commands = commands;
        this.statusWords = statusWords;
        this.claValues = claValues;
        this.binaryLayouts = binaryLayouts;
        this.textLayouts = textLayouts;
        this.iso8583 = iso8583;
        this.keys = keys;
    }

    /** The dictionary shipped with this build, loaded once. */
    public static Dictionary standard() {
        Dictionary d = standard;
        if (d == null) {
            synchronized (Dictionary.class) {
                d = standard;
                if (d == null) {
                    d = load(DictionarySource.classpath());
                    standard = d;
                }
            }
        }
        return d;
    }

    /**
     * Loads and validates a dictionary.
     *
     * @throws DictionaryException naming the file, the entry and the rule of every problem found
     */
    public static Dictionary load(DictionarySource source) {
        return new DictionaryLoader(source).load();
    }

    public Map<String, DataElement> elements() {
        return elements;
    }

    public DataElement element(String id) {
        return get(elements, id, "data element");
    }

    public Map<String, CodeTable> codeTables() {
        return codeTables;
    }

    public CodeTable codeTable(String id) {
        return get(codeTables, id, "code table");
    }

    public Map<String, CardParameter> parameters() {
        return parameters;
    }

    public CardParameter parameter(String id) {
        return get(parameters, id, "card parameter");
    }

    public Map<String, Application> applications() {
        return applications;
    }

    public Application application(String id) {
        return get(applications, id, "application");
    }

    public Map<String, CardCommand> commands() {
        return commands;
    }

    public CardCommand command(String id) {
        return get(commands, id, "command");
    }

    public Map<String, StatusWord> statusWords() {
        return statusWords;
    }

    /** The status word with this constant name (e.g. MAC_INVALID). */
    public StatusWord statusWord(String name) {
        return statusWords.values().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException("the dictionary has no status word named " + name));
    }

    /** The dictionary's description of a 16-bit status word, if it lists it. */
    public Optional<StatusWord> describe(int sw) {
        return statusWords.values().stream().filter(s -> s.matches(sw)).findFirst();
    }

    public List<ClaValue> claValues() {
        return claValues;
    }

    public Map<String, BinaryLayout> binaryLayouts() {
        return binaryLayouts;
    }

    public BinaryLayout binaryLayout(String id) {
        return get(binaryLayouts, id, "binary layout");
    }

    public Map<String, TextLayout> textLayouts() {
        return textLayouts;
    }

    public TextLayout textLayout(String id) {
        return get(textLayouts, id, "text layout");
    }

    public Iso8583Spec iso8583() {
        return iso8583;
    }

    public KeySpec keys() {
        return keys;
    }

    /** Every element, code table, command, file, layout, parameter or message type with this id, for {@code dict show}. */
    public List<Object> findAll(String id) {
        List<Object> found = new java.util.ArrayList<>();
        for (Map<String, ?> m : List.of(
                elements, codeTables, commands, applications, binaryLayouts, textLayouts, parameters, statusWords)) {
            Object o = m.get(id);
            if (o != null) {
                found.add(o);
            }
        }
        for (Application app : applications.values()) {
            app.file(id).ifPresent(found::add);
        }
        iso8583.message(id).ifPresent(found::add);
        return found;
    }

    private static <T> T get(Map<String, T> map, String id, String what) {
        T t = map.get(id);
        if (t == null) {
            throw new NoSuchElementException("the dictionary has no " + what + " '" + id + "'; known: " + map.keySet());
        }
        return t;
    }
}
