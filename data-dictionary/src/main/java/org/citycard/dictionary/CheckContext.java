package org.citycard.dictionary;

import java.util.List;
import java.util.Map;
import org.citycard.dictionary.DictionaryException.Problem;
import org.citycard.dictionary.DictionaryLoader.Manifest;

/** The state the checks share while one dictionary loads: its files, the problems so far, what is resolved. */
final class CheckContext {
    final Manifest manifest;
    final List<Problem> problems;
    Map<String, DataElement> elements = Map.of();
    Map<String, CodeTable> codeTables = Map.of();

    CheckContext(Manifest manifest, List<Problem> problems) {
        this.manifest = manifest;
        this.problems = problems;
    }
}
