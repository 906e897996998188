package org.citycard.dictionary.gen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.CardParameter;
import org.citycard.dictionary.card.ClaValue;
import org.citycard.dictionary.card.StatusWord;
import org.citycard.dictionary.card.TlvRecord;
import org.citycard.dictionary.codec.Amounts;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.format.BinaryLayout;

/**
 * Generates the Java Card constants class of the applets from the dictionary: AIDs, CLA / INS / P1 / P2 / Lc / Le
 * of every command, status words, SFIs, FIDs, record numbers, field offsets and lengths, key IDs, transaction
 * types, applet states and card parameters. Only {@code byte}, {@code short} and {@code byte[]} constants, so the
 * class stays inside the Java Card subset. Run at build time by card-os-applets (generate-sources).
 *
 * <p>Usage: {@code JavaCardConstantsGenerator <output source root> <package> <class name>}.
 */
public final class JavaCardConstantsGenerator {
    /** Access conditions in bit order; "never" has a bit for completeness but grants nothing. */
    private static final List<String> ACCESS_BITS = List.of(
            "free", "pin", "pin-or-terminal-auth", "perso", "secure-messaging", "purchase-mac", "card", "never");

    private final Dictionary dict;
    private final TreeMap<String, String> constants = new TreeMap<>();
    private final StringBuilder out = new StringBuilder();

    public JavaCardConstantsGenerator(Dictionary dict) {
        this.dict = dict;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: JavaCardConstantsGenerator <output source root> <package> <class name>");
            System.exit(2);
        }
        String source = new JavaCardConstantsGenerator(Dictionary.standard()).generate(args[1], args[2]);
        Path file = Path.of(args[0]).resolve(args[1].replace('.', '/')).resolve(args[2] + ".java");
        Files.createDirectories(file.getParent());
        if (!Files.exists(file)
                || !Files.readString(file, StandardCharsets.UTF_8).equals(source)) {
            Files.writeString(file, source, StandardCharsets.UTF_8);
        }
    }

    public String generate(String pkg, String className) {
        out.setLength(0);
        constants.clear();
        out.append("package ").append(pkg).append(";\n\n");
        out.append(
                        "/**\n * Card constants generated from the CityCard data dictionary by JavaCardConstantsGenerator.\n")
                .append(
                        " * Do not edit: change the dictionary's YAML instead. Java Card subset: byte, short and byte[] only.\n */\n");
        out.append("public final class ").append(className).append(" {\n");
        out.append("    private ").append(className).append("() {}\n");

        section("AIDs");
        for (Application app : dict.applications().values()) {
            bytes("AID_" + name(app.id()), app.aidBytes(), app.en());
        }

        section("Class bytes");
        for (ClaValue c : dict.claValues()) {
            b("CLA_" + c.name(), c.value(), c.en());
        }

        section("Commands: INS, and P1 / P2 / Lc / Le where the dictionary fixes them");
        for (CardCommand c : dict.commands().values()) {
            String n = name(c.id());
            b("INS_" + n, c.ins(), c.en());
            if (c.p1() != null) {
                b("P1_" + n, c.p1(), null);
            }
            if (c.p2() != null) {
                b("P2_" + n, c.p2(), null);
            }
            if (c.lc() != null) {
                b("LC_" + n, c.lc(), null);
            }
            if (c.le() != null) {
                b("LE_" + n, c.le(), null);
            }
        }

        section("Status words");
        for (StatusWord s : dict.statusWords().values()) {
            s("SW_" + s.name(), "(short) 0x" + s.sw(), s.en());
        }

        section("Access conditions of files (card.yaml), as bits of READ_ACCESS_* / UPDATE_ACCESS_*");
        for (int i = 0; i < ACCESS_BITS.size(); i++) {
            b("ACC_" + name(ACCESS_BITS.get(i)), String.format("%02X", 1 << i), ACCESS_BITS.get(i));
        }

        section("Files: SFI, FID, sizes, records and field offsets");
        for (Application app : dict.applications().values()) {
            for (CardFile f : app.files()) {
                String n = name(app.id()) + "_" + name(f.id());
                if (f.sfi() != null) {
                    b("SFI_" + n, String.format("%02X", f.sfi()), f.en());
                }
                if (f.fid() != null) {
                    s("FID_" + n, "(short) 0x" + f.fid(), null);
                }
                if (f.size() != null) {
                    s("SIZE_" + n, "(short) " + f.size(), null);
                }
                b("READ_ACCESS_" + n, access(n, List.of(f.read())), "read access of " + f.en());
                b("UPDATE_ACCESS_" + n, access(n, f.update()), null);
                if (f.recordCount() != null) {
                    b("RECORD_COUNT_" + n, String.format("%02X", f.recordCount()), null);
                    b("RECORD_LENGTH_" + n, String.format("%02X", f.recordLength()), null);
                }
                for (TlvRecord r : f.records()) {
                    b("REC_" + name(app.id()) + "_" + name(r.element()), String.format("%02X", r.number()), null);
                }
                for (LayoutField fl : f.fields()) {
                    s("OFF_" + n + "_" + name(fl.key()), "(short) " + fl.offset(), null);
                    s("LEN_" + n + "_" + name(fl.key()), "(short) " + fl.length(), null);
                }
            }
        }

        section("TLV files: first record number (tag) and the value length of each record, in record order");
        for (Application app : dict.applications().values()) {
            for (CardFile f : app.files()) {
                if (f.records().isEmpty()) {
                    continue;
                }
                String n = name(app.id()) + "_" + name(f.id());
                byte[] lengths = new byte[f.records().size()];
                for (int i = 0; i < lengths.length; i++) {
                    TlvRecord r = f.records().get(i);
                    if (r.number() != f.records().get(0).number() + i) {
                        throw new IllegalStateException("the records of " + n + " must be numbered without gaps");
                    }
                    lengths[i] = (byte) (int) dict.element(r.element()).length();
                }
                b("TLV_FIRST_" + n, String.format("%02X", f.records().get(0).number()), f.en() + ": first tag");
                bytes("TLV_LENGTHS_" + n, lengths, f.en() + ": value length of each record");
            }
        }

        section("Records bound to code tables (cardRecord attribute)");
        recordCodes("insurance-type", "INSURANCE_TYPE", false);
        recordCodes("department-category", "DEPARTMENT_CATEGORY", true);

        section("Binary records the card builds");
        for (String id : new String[] {"card_log_record", "pin_block"}) {
            BinaryLayout l = dict.binaryLayout(id);
            s("SIZE_" + name(id), "(short) " + l.size(), l.en());
            for (LayoutField fl : l.fields()) {
                s("OFF_" + name(id) + "_" + name(fl.key()), "(short) " + fl.offset(), null);
            }
        }

        section("Element lengths");
        for (DataElement e : dict.elements().values()) {
            if (e.isFixedLength() && e.length() < 0x7FFF) {
                s("LEN_" + name(e.id()), "(short) " + e.length(), null);
            } else if (!e.isFixedLength()) {
                s("MIN_LEN_" + name(e.id()), "(short) " + e.minLength(), null);
                s("MAX_LEN_" + name(e.id()), "(short) " + e.maxLength(), null);
            }
        }

        section("Key IDs (PUT KEY P2)");
        for (KeyDefinition k : dict.keys().keys()) {
            if (k.keyId() != null) {
                b("KEY_ID_" + name(k.id()), k.keyId(), k.en());
            }
        }
        b("KEY_VERSION", dict.keys().keyVersion(), "key version of this key generation");

        section("Code tables the card uses");
        for (Code c : dict.codeTable("transaction-type").codes()) {
            b("TX_" + c.attr("name"), c.code(), c.en());
        }
        for (Code c : dict.codeTable("applet-state").codes()) {
            b("STATE_" + c.attr("name"), c.code(), c.en());
        }
        for (Code c : dict.codeTable("algorithm").codes()) {
            b("ALG_" + c.attr("name"), c.code(), c.en());
        }

        section("Card parameters");
        for (CardParameter p : dict.parameters().values()) {
            String n = name(p.id());
            switch (p.type()) {
                case "amount" -> bytes(n, Amounts.toBytes(p.id(), p.asLong(), 4), p.en() + " = " + p.value() + " fen");
                case "number" -> s(n, "(short) " + p.value(), p.en());
                case "hex" -> {
                    byte[] v = Hex.parse(p.id(), p.value());
                    if (v.length == 1) {
                        b(n, p.value(), p.en());
                    } else {
                        bytes(n, v, p.en());
                    }
                }
                case "text" -> {
                    if (!p.id().equals("default_pin")) {
                        bytes(n, p.value().getBytes(StandardCharsets.US_ASCII), p.en() + " = \"" + p.value() + "\"");
                    }
                }
                default -> throw new IllegalStateException("parameter " + p.id() + " has unknown type " + p.type());
            }
        }

        section(
                "Demo transport key (DEMO ONLY: the simulator's demo profile installs with it; an applet installed without"
                        + " a transport key refuses personalisation, it never falls back to this one)");
        bytes(
                "DEMO_TRANSPORT_KEY",
                Hex.parse("TK", dict.keys().demoKeySet().keys().get("TK")),
                "demo only");

        out.append("}\n");
        return out.toString();
    }

    /**
     * The codes of a table that have a card record: {@code <prefix>_CODES} (ASCII when {@code bcd} is false, one BCD
     * byte each otherwise) and {@code <prefix>_RECORDS} (the record number of each code, same order).
     */
    private void recordCodes(String table, String prefix, boolean bcd) {
        ByteArrayOutputStream codes = new ByteArrayOutputStream();
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        for (Code c : dict.codeTable(table).codes()) {
            String rec = c.attr("cardRecord");
            if (rec == null || Integer.parseInt(rec) == 0) {
                continue;
            }
            byte[] code = bcd ? Hex.parse(table, c.code()) : c.code().getBytes(StandardCharsets.US_ASCII);
            codes.writeBytes(code);
            records.write(Integer.parseInt(rec));
        }
        bytes(prefix + "_CODES", codes.toByteArray(), dict.codeTable(table).en() + " codes that have a card record");
        bytes(prefix + "_RECORDS", records.toByteArray(), "the card record of each of " + prefix + "_CODES");
    }

    private static String access(String file, List<String> conditions) {
        int mask = 0;
        for (String c : conditions) {
            int bit = ACCESS_BITS.indexOf(c);
            if (bit < 0) {
                throw new IllegalStateException("file " + file + ": access condition " + c
                        + " has no card bit; add it to " + "JavaCardConstantsGenerator.ACCESS_BITS");
            }
            mask |= bit == ACCESS_BITS.indexOf("never") ? 0 : 1 << bit;
        }
        return String.format("%02X", mask);
    }

    private void section(String title) {
        out.append("\n    // ---- ").append(title).append('\n');
    }

    private void b(String name, String hex, String doc) {
        declare(name, "byte", "(byte) 0x" + hex.toUpperCase(Locale.ROOT), doc);
    }

    private void s(String name, String value, String doc) {
        declare(name, "short", value, doc);
    }

    private void bytes(String name, byte[] value, String doc) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < value.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("(byte) 0x").append(Hex.of(new byte[] {value[i]}));
        }
        declare(name, "byte[]", sb.append('}').toString(), doc);
    }

    private void declare(String name, String type, String value, String doc) {
        String previous = constants.put(name, value);
        if (previous != null) {
            if (previous.equals(value)) {
                return;
            }
            throw new IllegalStateException(
                    "constant " + name + " would get two values: " + previous + " and " + value);
        }
        if (doc != null) {
            out.append("    /** ").append(doc.replace("*/", "* /")).append(" */\n");
        }
        out.append("    public static final ")
                .append(type)
                .append(' ')
                .append(name)
                .append(" = ")
                .append(value)
                .append(";\n");
    }

    static String name(String id) {
        return id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }
}
