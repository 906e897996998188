package org.citycard.dictionary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.citycard.dictionary.DictionaryException.Problem;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardParameter;
import org.citycard.dictionary.card.ClaValue;
import org.citycard.dictionary.card.StatusWord;
import org.citycard.dictionary.crypto.KeySpec;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.iso8583.CodeName;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.IsoField;
import org.citycard.dictionary.iso8583.MacRule;
import org.citycard.dictionary.iso8583.MessageUse;

/** Parses the definition files, resolves references, and hands the result to {@link DictionaryChecks}. */
final class DictionaryLoader {
    static final String MANIFEST = "manifest.yaml";

    record Manifest(
            String elements,
            List<String> codeTables,
            String card,
            String apdu,
            String formats,
            String iso8583,
            String keys) {}

    record ElementsFile(List<DataElement> elements) {}

    record CardSpecFile(List<CardParameter> parameters, List<Application> applications) {}

    record ApduFile(List<StatusWord> statusWords, List<ClaValue> claValues, List<CardCommand> commands) {}

    record FormatsFile(List<BinaryLayout> binaryLayouts, List<TextLayout> textLayouts) {}

    record IsoFile(
            String packager,
            List<CodeName> processingCodes,
            List<CodeName> networkCodes,
            MacRule mac,
            List<IsoField> fields,
            List<MessageUse> messages) {}

    private final DictionarySource source;
    private final ObjectMapper yaml =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<Problem> problems = new ArrayList<>();

    DictionaryLoader(DictionarySource source) {
        this.source = source;
    }

    Dictionary load() {
        Manifest manifest = read(MANIFEST, Manifest.class);
        if (manifest == null) {
            throw new DictionaryException(problems);
        }
        ElementsFile elementsFile = read(manifest.elements(), ElementsFile.class);
        List<CodeTable> tables = new ArrayList<>();
        List<String> tableFiles = manifest.codeTables() == null ? List.of() : manifest.codeTables();
        for (String file : tableFiles) {
            CodeTable t = read(file, CodeTable.class);
            if (t != null) {
                tables.add(t);
            }
        }
        CardSpecFile card = read(manifest.card(), CardSpecFile.class);
        ApduFile apdu = read(manifest.apdu(), ApduFile.class);
        FormatsFile formats = read(manifest.formats(), FormatsFile.class);
        IsoFile iso = read(manifest.iso8583(), IsoFile.class);
        KeySpec keys = read(manifest.keys(), KeySpec.class);
        if (!problems.isEmpty()) {
            throw new DictionaryException(problems);
        }

        DictionaryChecks checks = new DictionaryChecks(manifest, problems);
        Map<String, DataElement> elements =
                checks.unique(manifest.elements(), "element", elementsFile.elements(), DataElement::id);
        Map<String, CodeTable> codeTables = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            CodeTable t = tables.get(i);
            if (codeTables.put(t.id(), t) != null) {
                problems.add(new Problem(tableFiles.get(i), "code table " + t.id(), "duplicate code table id"));
            }
        }
        checks.setContext(elements, codeTables);
        checks.checkElements(elementsFile.elements());
        for (int i = 0; i < tables.size(); i++) {
            checks.checkCodeTable(tableFiles.get(i), tables.get(i));
        }

        Map<String, CardParameter> parameters =
                checks.unique(manifest.card(), "parameter", card.parameters(), CardParameter::id);
        List<Application> apps = new ArrayList<>();
        for (Application app : nonNull(card.applications())) {
            apps.add(checks.checkApplication(app));
        }
        Map<String, Application> applications = checks.unique(manifest.card(), "application", apps, Application::id);

        Map<String, StatusWord> statusWords =
                checks.unique(manifest.apdu(), "status word", apdu.statusWords(), StatusWord::sw);
        checks.unique(manifest.apdu(), "status word name", apdu.statusWords(), StatusWord::name);
        Map<String, CardCommand> commands = checks.unique(manifest.apdu(), "command", apdu.commands(), CardCommand::id);
        commands.values().forEach(c -> checks.checkCommand(c, applications.keySet(), statusWords.keySet()));

        List<BinaryLayout> binary = new ArrayList<>();
        for (BinaryLayout l : nonNull(formats.binaryLayouts())) {
            binary.add(checks.checkBinaryLayout(l));
        }
        List<TextLayout> text = new ArrayList<>();
        for (TextLayout l : nonNull(formats.textLayouts())) {
            text.add(checks.checkTextLayout(l));
        }
        Map<String, BinaryLayout> binaryLayouts =
                checks.unique(manifest.formats(), "binary layout", binary, BinaryLayout::id);
        Map<String, TextLayout> textLayouts = checks.unique(manifest.formats(), "text layout", text, TextLayout::id);

        String packagerXml = source.readString(iso.packager() == null ? "" : iso.packager());
        Iso8583Spec isoSpec = checks.checkIso8583(iso, packagerXml, binaryLayouts.keySet());
        checks.checkKeys(keys);

        if (!problems.isEmpty()) {
            throw new DictionaryException(problems);
        }
        return new Dictionary(
                elements,
                codeTables,
                parameters,
                applications,
                commands,
                statusWords,
                nonNull(apdu.claValues()),
                binaryLayouts,
                textLayouts,
                isoSpec,
                keys);
    }

    private <T> T read(String file, Class<T> type) {
        if (file == null) {
            problems.add(new Problem(MANIFEST, type.getSimpleName(), "the manifest does not name this file"));
            return null;
        }
        try (InputStream in = source.open(file)) {
            if (in == null) {
                problems.add(new Problem(file, "(file)", "the file does not exist"));
                return null;
            }
            return yaml.readValue(in, type);
        } catch (JsonMappingException e) {
            problems.add(
                    new Problem(file, path(e) + location(e), "does not fit the schema: " + e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            problems.add(new Problem(file, location(e), "is not valid YAML: " + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new Problem(file, "(file)", "cannot be read: " + e.getMessage()));
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(root)" : sb.toString();
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")";
    }

    static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    static <T> Map<String, T> index(List<T> list, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        nonNull(list).forEach(t -> map.putIfAbsent(key.apply(t), t));
        return map;
    }
}
