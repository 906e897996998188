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

    /**
     * What a person typed, found: by id exactly, else by id in any case ({@code EF05}, {@code Offline_Record}), else by
     * its Chinese or English name ({@code 民族}, {@code ethnicity}). Empty when nothing matches; see {@link #nearest}.
     */
    public List<Object> lookup(String typed) {
        String q = typed == null ? "" : typed.strip();
        List<Object> found = findAll(q);
        if (!found.isEmpty()) {
            return found;
        }
        java.util.LinkedHashSet<Object> byName = new java.util.LinkedHashSet<>();
        for (Map.Entry<String, Object> e : names().entrySet()) {
            if (e.getKey().equalsIgnoreCase(q)) {
                byName.add(e.getValue());
            }
        }
        return List.copyOf(byName);
    }

    /** The ids and names closest to a miss (edit distance at most a third of its length, at least 2), nearest first. */
    public List<String> nearest(String typed, int max) {
        String q = typed == null ? "" : typed.strip().toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(2, q.length() / 3);
        record Near(String name, int distance) {}
        return names().keySet().stream()
                .distinct()
                .map(n -> new Near(n, distance(q, n.toLowerCase(java.util.Locale.ROOT))))
                .filter(n -> n.distance() <= limit
                        || (q.length() >= 3
                                && n.name().toLowerCase(java.util.Locale.ROOT).contains(q)))
                .sorted(java.util.Comparator.comparingInt(Near::distance).thenComparing(Near::name))
                .map(Near::name)
                .distinct()
                .limit(max)
                .toList();
    }

    /** Every id and Chinese and English name of the things {@code dict show} shows, to what it names. */
    private Map<String, Object> names() {
        Map<String, Object> names = new java.util.LinkedHashMap<>();
        java.util.function.BiConsumer<Object, List<String>> add =
                (o, ns) -> ns.stream().filter(n -> n != null && !n.isBlank()).forEach(n -> names.putIfAbsent(n, o));
        elements.values().forEach(e -> add.accept(e, List.of(e.id(), e.zh(), e.en())));
        codeTables.values().forEach(t -> add.accept(t, List.of(t.id(), t.zh(), t.en())));
        commands.values().forEach(c -> add.accept(c, List.of(c.id(), c.zh(), c.en())));
        for (Application a : applications.values()) {
            add.accept(a, List.of(a.id(), a.zh(), a.en()));
            a.files().forEach(f -> add.accept(f, List.of(f.id(), f.zh(), f.en())));
        }
        binaryLayouts.values().forEach(l -> add.accept(l, List.of(l.id(), l.zh(), l.en())));
        textLayouts.values().forEach(l -> add.accept(l, List.of(l.id(), l.zh(), l.en())));
        parameters.values().forEach(p -> add.accept(p, List.of(p.id(), p.zh(), p.en())));
        statusWords.values().forEach(w -> add.accept(w, List.of(w.sw(), w.zh(), w.en())));
        iso8583.messages().forEach(m -> add.accept(m, List.of(m.mti(), m.zh(), m.en())));
        return names;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int same = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + same);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static <T> T get(Map<String, T> map, String id, String what) {
        T t = map.get(id);
        if (t == null) {
            throw new NoSuchElementException("the dictionary has no " + what + " '" + id + "'; known: " + map.keySet());
        }
        return t;
    }
}
