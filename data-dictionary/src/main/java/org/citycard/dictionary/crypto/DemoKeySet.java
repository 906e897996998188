package org.citycard.dictionary.crypto;

import java.util.NoSuchElementException;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.codec.Hex;

/** The demo key set of keys.yaml: public values, for tests and the demo only. */
final class DemoKeySet implements KeySet {
    private final KeySpec.DemoKeys demo;

    private DemoKeySet(KeySpec.DemoKeys demo) {
        this.demo = demo;
    }

    static DemoKeySet from(Dictionary dict) {
        KeySpec.DemoKeys demo = dict.keys().demoKeySet();
        if (!demo.demoOnly()) {
            throw new IllegalStateException("the dictionary's demo key set is not marked demo-only");
        }
        return new DemoKeySet(demo);
    }

    @Override
    public String name() {
        return demo.name();
    }

    @Override
    public boolean isDemo() {
        return true;
    }

    @Override
    public byte keyVersion() {
        return Hex.parse("keyVersion", demo.keyVersion())[0];
    }

    @Override
    public byte[] key(String id) {
        String hex = demo.keys().get(id);
        if (hex == null) {
            throw new NoSuchElementException("the demo key set has no key " + id);
        }
        return Hex.parse(id, hex);
    }

    @Override
    public boolean has(String id) {
        return demo.keys().containsKey(id);
    }

    @Override
    public byte[] key(String id, Algorithm algorithm) {
        String hex = demo.keys(algorithm).get(id);
        if (hex == null) {
            throw new NoSuchElementException("the demo key set has no " + algorithm + " key " + id);
        }
        return Hex.parse(id, hex);
    }

    @Override
    public boolean has(String id, Algorithm algorithm) {
        return demo.keys(algorithm).containsKey(id);
    }

    @Override
    public String toString() {
        return "KeySet[demo, DEMO ONLY]";
    }
}
