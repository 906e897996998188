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

    /** Version 01 and every version of {@code demoKeySet.versions} (DEMO ONLY). */
    @Override
    public java.util.SortedSet<Integer> versions() {
        java.util.SortedSet<Integer> all = new java.util.TreeSet<>();
        all.add(keyVersion() & 0xFF);
        for (String v : demo.versions().keySet()) {
            all.add(Integer.parseInt(v, 16));
        }
        return all;
    }

    @Override
    public KeySet atVersion(int version) {
        if (version == (keyVersion() & 0xFF)) {
            return this;
        }
        KeySpec.DemoVersion v = demo.versions().get(String.format("%02X", version));
        if (v == null) {
            return KeySet.super.atVersion(version);
        }
        return new VersionedKeySet(this, version, (id, alg) -> {
            String hex = v.keys(alg).get(id);
            return hex == null ? null : Hex.parse(id, hex);
        });
    }

    @Override
    public String toString() {
        return "KeySet[demo, DEMO ONLY]";
    }
}
