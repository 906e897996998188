package org.citycard.dictionary.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.citycard.dictionary.Code;
import org.citycard.dictionary.CodeTable;
import org.citycard.dictionary.DataElement;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.LayoutField;
import org.citycard.dictionary.card.Application;
import org.citycard.dictionary.card.CardCommand;
import org.citycard.dictionary.card.CardFile;
import org.citycard.dictionary.card.CardParameter;
import org.citycard.dictionary.card.DataItem;
import org.citycard.dictionary.card.StatusWord;
import org.citycard.dictionary.card.TlvRecord;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeyDefinition;
import org.citycard.dictionary.crypto.KeySpec;
import org.citycard.dictionary.crypto.SessionKeyDefinition;
import org.citycard.dictionary.format.BinaryLayout;
import org.citycard.dictionary.format.TextLayout;
import org.citycard.dictionary.format.TextRecordType;
import org.citycard.dictionary.iso8583.Iso8583Spec;
import org.citycard.dictionary.iso8583.IsoField;
import org.citycard.dictionary.iso8583.MessageUse;
import org.citycard.dictionary.iso8583.PackagerField;

/**
 * Renders the whole dictionary as one bilingual Markdown reference ({@code docs/dictionary/README.md}) and
 * copies the jPOS packager beside it. Deterministic: the same dictionary gives the same bytes, so the committed
 * reference changes only when a definition does. Run by the build (which thereby also validates the dictionary)
 * and by {@code ./citycard dict docs}.
 */
public final class ReferenceGenerator {
    private final Dictionary dict;
    private final StringBuilder md = new StringBuilder();

    public ReferenceGenerator(Dictionary dict) {
        this.dict = dict;
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/dictionary")
                .toAbsolutePath()
                .normalize();
        // An invalid dictionary throws DictionaryException here, which fails the build with every problem named.
        Dictionary dict = Dictionary.standard();
        Path written = new ReferenceGenerator(dict).write(out);
        System.out.println("dictionary valid; reference written to " + written);
    }

    /** Writes README.md and the packager XML into {@code dir}; returns the README path. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path readme = dir.resolve("README.md");
        writeIfChanged(readme, render());
        writeIfChanged(dir.resolve("citycard-packager.xml"), dict.iso8583().packagerXml());
        return readme;
    }

    private static void writeIfChanged(Path file, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        if (!Files.exists(file) || !java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
            Files.write(file, bytes);
        }
    }

    public String render() {
        md.setLength(0);
        line("# CityCard 数据字典 · Data dictionary reference");
        line();
        line("> 由 `data-dictionary` 的定义文件生成，请勿手工修改。Generated from the definition files of");
        line("> `data-dictionary/src/main/resources/dictionary`; do not edit by hand: edit the YAML and run");
        line("> `./citycard dict docs` (the build does it too).");
        line();
        line("| 部分 Section | 条目 Entries |");
        line("|---|---|");
        line("| [数据元 Data elements](#elements) | " + dict.elements().size() + " |");
        line("| [代码表 Code tables](#code-tables) | " + dict.codeTables().size() + " |");
        line("| [卡片结构 Card layout](#card-layout) | " + dict.applications().size() + " applications, "
                + dict.applications().values().stream()
                        .mapToInt(a -> a.files().size())
                        .sum() + " files |");
        line("| [卡片参数 Parameters](#parameters) | " + dict.parameters().size() + " |");
        line("| [APDU 命令 Commands](#commands) | " + dict.commands().size() + " |");
        line("| [状态字 Status words](#status-words) | " + dict.statusWords().size() + " |");
        line("| [记录格式 Binary records](#binary-records) | "
                + dict.binaryLayouts().size() + " |");
        line("| [文本文件 Text files](#text-files) | " + dict.textLayouts().size() + " |");
        line("| [ISO 8583 报文 Messages](#iso-8583) | "
                + dict.iso8583().messages().size() + " |");
        line("| [密钥 Keys](#keys) | " + dict.keys().keys().size() + " |");
        line();
        elements();
        codeTables();
        cardLayout();
        parameters();
        commands();
        statusWords();
        binaryLayouts();
        textLayouts();
        iso8583();
        keys();
        return md.toString();
    }

    private void elements() {
        line("<a id=\"elements\"></a>");
        line("## 数据元 · Data elements");
        line();
        line("Types: "
                + java.util.Arrays.stream(org.citycard.dictionary.ElementType.values())
                        .map(t -> "`" + t + "` " + t.zh() + " / " + t.en())
                        .collect(Collectors.joining(" · ")));
        line();
        line("| ID | 中文名 | English | 类型 Type | 长度 Length | 代码表 Code table | 规则 Rule |");
        line("|---|---|---|---|---|---|---|");
        for (DataElement e : dict.elements().values()) {
            line("| `" + e.id() + "` | " + e.zh() + " | " + esc(e.en()) + " | " + e.type() + " | " + e.lengthText()
                    + " | "
                    + (e.codeTable() == null ? "" : "[" + e.codeTable() + "](#table-" + e.codeTable() + ")") + " | "
                    + nz(e.rule()) + (e.sensitive() ? " **sensitive 敏感**" : "") + " |");
        }
        line();
    }

    private void codeTables() {
        line("<a id=\"code-tables\"></a>");
        line("## 代码表 · Code tables");
        line();
        for (CodeTable t : dict.codeTables().values()) {
            line("<a id=\"table-" + t.id() + "\"></a>");
            line("### " + t.zh() + " · " + t.en() + " (`" + t.id() + "`)");
            line();
            line("Standard 标准: " + t.standard() + " · code length 代码长度: " + t.codeLength() + " · "
                    + t.codes().size() + " codes"
                    + (t.completePrefixes().isEmpty()
                            ? ""
                            : " · listed completely under 完整列出: " + t.completePrefixes()));
            line();
            line("| 代码 Code | 中文 | English | 说明 Notes |");
            line("|---|---|---|---|");
            for (Code c : t.codes()) {
                StringBuilder notes = new StringBuilder();
                if (c.level() != null) {
                    notes.append(c.level());
                }
                if (!c.next().isEmpty()) {
                    notes.append("→ ").append(String.join(", ", c.next()));
                }
                c.attrs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(a -> notes.append(
                                notes.isEmpty() ? "" : " · ")
                        .append(a.getKey())
                        .append('=')
                        .append(a.getValue()));
                line("| `" + c.code() + "` | " + c.zh() + " | " + esc(c.en()) + " | " + notes + " |");
            }
            line();
        }
    }

    private void cardLayout() {
        line("<a id=\"card-layout\"></a>");
        line("## 卡片结构 · Card layout");
        line();
        for (Application app : dict.applications().values()) {
            line("### " + app.zh() + " · " + app.en() + " (`" + app.id() + "`)");
            line();
            line("AID: `" + app.aid() + "`" + (app.note() == null ? "" : " — " + esc(app.note())));
            line();
            line("| 文件 File | FID | SFI | 中文 | English | 结构 Structure | 读 Read | 写 Update |");
            line("|---|---|---|---|---|---|---|---|");
            for (CardFile f : app.files()) {
                String size =
                        switch (f.structure()) {
                            case BINARY -> f.size() + " bytes";
                            case LINEAR_FIXED, CYCLIC -> f.recordCount() + " × " + f.recordLength() + " bytes";
                            case TLV_RECORDS -> f.records().size() + " TLV records";
                        };
                line("| `" + f.id() + "` | " + nz(f.fid()) + " | "
                        + (f.sfi() == null ? "" : String.format("%02X", f.sfi())) + " | "
                        + f.zh() + " | " + esc(f.en()) + " | " + f.structure().zh() + " / "
                        + f.structure().en() + ", " + size
                        + " | " + f.read() + " | " + String.join(", ", f.update()) + " |");
            }
            line();
            for (CardFile f : app.files()) {
                file(f, "#### ");
            }
        }
    }

    private void file(CardFile f, String heading) {
        line(heading + f.zh() + " · " + f.en() + " (`" + f.id() + "`)");
        line();
        if (f.note() != null) {
            line(esc(f.note()));
            line();
        }
        if (!f.records().isEmpty()) {
            line("| 记录号/标签 Record = tag | 数据元 Element | 中文 | English | 长度 Length |");
            line("|---|---|---|---|---|");
            for (TlvRecord r : f.records()) {
                DataElement e = dict.element(r.element());
                line("| " + String.format("%02X", r.number()) + " | `" + e.id() + "` | " + e.zh() + " | " + esc(e.en())
                        + " | " + r.length() + " |");
            }
            line();
        }
        if (!f.fields().isEmpty()) {
            fieldTable(f.fields(), true);
        }
    }

    /**
     * One card file, layout or message as the reference shows it (a Markdown table), for {@code dict show}; empty
     * for things the reference shows as one line.
     */
    public String section(Object x) {
        md.setLength(0);
        if (x instanceof CardFile f) {
            file(f, "");
        } else if (x instanceof BinaryLayout l) {
            binaryLayout(l, "");
        } else if (x instanceof TextLayout l) {
            textLayout(l, "");
        } else if (x instanceof MessageUse m) {
            message(m);
        } else {
            return "";
        }
        return md.toString();
    }

    private void message(MessageUse m) {
        line(m.mti() + " " + m.zh() + " · " + m.en());
        line();
        line("| 域 Field | 使用 Use | 中文 | English |");
        line("|---|---|---|---|");
        for (IsoField f : dict.iso8583().fields()) {
            String use = m.fields().get(f.number());
            if (use != null) {
                line("| " + f.number() + " | " + use + " | " + f.zh() + " | " + esc(f.en()) + " |");
            }
        }
        line();
        if (m.layout48() != null) {
            line("field 48 = `" + m.layout48() + "` (`dict show " + m.layout48() + "`)");
        }
        if (m.note() != null) {
            line(esc(m.note()));
        }
    }

    private void parameters() {
        line("<a id=\"parameters\"></a>");
        line("## 卡片参数 · Parameters");
        line();
        line("| ID | 中文 | English | 值 Value |");
        line("|---|---|---|---|");
        for (CardParameter p : dict.parameters().values()) {
            line("| `" + p.id() + "` | " + p.zh() + " | " + esc(p.en()) + " | `" + p.value() + "` |");
        }
        line();
    }

    private void commands() {
        line("<a id=\"commands\"></a>");
        line("## APDU 命令 · Commands");
        line();
        line("| ID | 中文 | English | CLA INS P1 P2 Lc | Le | 应用 Applications | 条件 Access |");
        line("|---|---|---|---|---|---|---|");
        for (CardCommand c : dict.commands().values()) {
            line("| [`" + c.id() + "`](#cmd-" + c.id() + ") | " + c.zh() + " | " + esc(c.en()) + " | `" + c.cla() + " "
                    + c.ins() + " "
                    + or(c.p1()) + " " + or(c.p2()) + " " + or(c.lc()) + "` | " + nz(c.le()) + " | "
                    + String.join(", ", c.applications()) + " | " + c.access() + " |");
        }
        line();
        for (CardCommand c : dict.commands().values()) {
            line("<a id=\"cmd-" + c.id() + "\"></a>");
            line("### " + c.zh() + " · " + c.en() + " (`" + c.id() + "`)");
            line();
            line("`" + c.headerText() + "` · applications 应用: " + String.join(", ", c.applications()) + " · access 条件: "
                    + c.access());
            line();
            if (c.note() != null) {
                line(esc(c.note()));
                line();
            }
            if (!c.data().isEmpty()) {
                line("Data 数据域: " + items(c.data()));
                line();
            }
            if (!c.response().isEmpty()) {
                line("Response 响应: " + items(c.response()));
                line();
            }
            line("Status words 状态字: "
                    + c.statusWords().stream()
                            .map(sw ->
                                    "`" + sw + "` " + dict.statusWords().get(sw).zh())
                            .collect(Collectors.joining(" · ")));
            line();
        }
    }

    private String items(List<DataItem> items) {
        return items.stream()
                .map(d -> {
                    if (d.element() != null) {
                        DataElement e = dict.element(d.element());
                        return e.zh() + " " + esc(e.en()) + " (" + e.lengthText() + ")";
                    }
                    return esc(d.name()) + " (" + d.length() + ")";
                })
                .collect(Collectors.joining(" ‖ "));
    }

    private void statusWords() {
        line("<a id=\"status-words\"></a>");
        line("## 状态字 · Status words");
        line();
        line("| SW | 名称 Name | 中文 | English |");
        line("|---|---|---|---|");
        for (StatusWord s : dict.statusWords().values()) {
            line("| `" + (s.pattern() != null ? s.pattern() : s.sw()) + "` | `SW_" + s.name() + "` | " + s.zh() + " | "
                    + esc(s.en()) + " |");
        }
        line();
    }

    private void binaryLayouts() {
        line("<a id=\"binary-records\"></a>");
        line("## 记录格式 · Binary records");
        line();
        for (BinaryLayout l : dict.binaryLayouts().values()) {
            binaryLayout(l, "### ");
        }
    }

    private void binaryLayout(BinaryLayout l, String heading) {
        line(heading + l.zh() + " · " + l.en() + " (`" + l.id() + "`, " + l.size() + " bytes)");
        line();
        if (l.note() != null) {
            line(esc(l.note()));
            line();
        }
        fieldTable(l.fields(), true);
    }

    private void textLayouts() {
        line("<a id=\"text-files\"></a>");
        line("## 文本文件 · Fixed-width text files");
        line();
        for (TextLayout l : dict.textLayouts().values()) {
            textLayout(l, "### ");
        }
    }

    private void textLayout(TextLayout l, String heading) {
        line(heading + l.zh() + " · " + l.en() + " (`" + l.id() + "`)");
        line();
        line("Encoding 编码: " + l.encoding() + " · line length 行长: " + l.lineLength() + " bytes · line end: `"
                + l.lineEnd().replace("\n", "\\n").replace("\r", "\\r") + "`");
        line();
        if (l.note() != null) {
            line(esc(l.note()));
            line();
        }
        for (TextRecordType r : l.records()) {
            line((heading.isEmpty() ? "" : "#" + heading) + "`" + r.type() + "` " + r.zh() + " · " + r.en());
            line();
            fieldTable(r.fields(), false);
        }
    }

    private void fieldTable(List<LayoutField> fields, boolean binary) {
        line("| " + (binary ? "偏移 Offset" : "位置 Position") + " | 字段 Field | 中文 | English | 长度 Length | 格式 Format |");
        line("|---|---|---|---|---|---|");
        int pos = 1;
        for (LayoutField f : fields) {
            String format;
            if (f.element() != null) {
                DataElement e = dict.element(f.element());
                format = (f.encoding() != null
                                ? f.encoding() + " (element " + e.type() + ")"
                                : e.type().toString())
                        + (e.codeTable() != null ? ", table " + e.codeTable() : "");
            } else {
                format = (f.encoding() != null ? f.encoding() : "")
                        + (f.codeTable() != null ? (f.encoding() != null ? ", " : "") + "table " + f.codeTable() : "");
            }
            if (f.value() != null) {
                format = "constant `" + f.value() + "`";
            } else if (f.align() != null) {
                format += (format.isEmpty() ? "" : ", ")
                        + ("right".equals(f.align()) ? "right, zero-padded" : "left, space-padded");
            }
            String where = binary ? String.valueOf(f.offset()) : pos + "–" + (pos + f.length() - 1);
            pos += f.length();
            line("| " + where + " | `" + f.key() + "` | " + nz(f.zh()) + " | " + esc(nz(f.en())) + " | " + f.length()
                    + " | " + format + " |");
        }
        line();
    }

    private void iso8583() {
        Iso8583Spec iso = dict.iso8583();
        line("<a id=\"iso-8583\"></a>");
        line("## ISO 8583 报文 · Messages");
        line();
        line(
                "ISO 8583:1987, binary bitmap; packager [`citycard-packager.xml`](citycard-packager.xml) (jPOS GenericPackager); "
                        + "TCP with a 2-byte big-endian length, no header.");
        line();
        line("**" + iso.mac().zh() + " · " + iso.mac().en() + ":** "
                + esc(iso.mac().rule()));
        line();
        line("| 域 Field | jPOS | 长度 Length | 中文 | English |");
        line("|---|---|---|---|---|");
        for (IsoField f : iso.fields()) {
            PackagerField p = iso.packagerFields().get(f.number());
            line("| " + f.number() + " | " + p.shortClass() + " | " + p.length() + " | " + f.zh() + " | " + esc(f.en())
                    + " |");
        }
        line();
        line("Processing codes 交易处理码: "
                + iso.processingCodes().stream()
                        .map(c -> "`" + c.code() + "` " + c.zh() + " / " + c.en())
                        .collect(Collectors.joining(" · ")));
        line();
        line("Network management codes 网络管理码: "
                + iso.networkCodes().stream()
                        .map(c -> "`" + c.code() + "` " + c.zh() + " / " + c.en())
                        .collect(Collectors.joining(" · ")));
        line();
        line("Field use 域使用 (M mandatory 必选 · C conditional 条件 · E echoed 回送 · O optional 可选):");
        line();
        List<Integer> used =
                iso.fields().stream().map(IsoField::number).filter(n -> n > 1).toList();
        line("| MTI | 中文 | English | " + used.stream().map(String::valueOf).collect(Collectors.joining(" | ")) + " |");
        line("|---|---|---|" + "---|".repeat(used.size()));
        for (MessageUse m : iso.messages()) {
            line("| " + m.mti() + " | " + m.zh() + " | " + esc(m.en()) + " | "
                    + used.stream().map(n -> nz(m.fields().get(n))).collect(Collectors.joining(" | ")) + " |");
        }
        line();
        for (MessageUse m : iso.messages()) {
            if (m.note() != null || m.layout48() != null) {
                line("- **" + m.mti() + "**: "
                        + (m.layout48() != null ? "field 48 = [`" + m.layout48() + "`](#binary-records). " : "")
                        + esc(nz(m.note())));
            }
        }
        line();
    }

    private void keys() {
        KeySpec k = dict.keys();
        line("<a id=\"keys\"></a>");
        line("## 密钥 · Keys");
        line();
        line("**" + k.derivation().zh() + " · " + k.derivation().en() + ":** "
                + esc(k.derivation().rule()));
        line();
        line("| 密钥 Key | 中文 | English | 持有者 Holder | Key ID | 主密钥 Master | 派生 Derives |");
        line("|---|---|---|---|---|---|---|");
        for (KeyDefinition d : k.keys()) {
            line("| `" + d.id() + "` | " + d.zh() + " | " + esc(d.en()) + " | " + d.holder() + " | " + nz(d.keyId())
                    + " | " + nz(d.masterKey()) + " | " + nz(d.derives()) + " |");
        }
        line();
        line("| 过程密钥 Session key | 中文 | English | 规则 Rule |");
        line("|---|---|---|---|");
        for (SessionKeyDefinition s : k.sessionKeys()) {
            line("| `" + s.id() + "` | " + s.zh() + " | " + esc(s.en()) + " | " + esc(s.rule()) + " |");
        }
        line();
        KeySpec.DemoKeys demo = k.demoKeySet();
        line("### 演示密钥 · Demo key set `" + demo.name() + "` — **仅用于演示和测试 · DEMO ONLY**");
        line();
        line(
                "Public values in `keys.yaml`, for tests and `./citycard demo`; never for real cards. Shown here by key check value (KCV).");
        line();
        line("| 密钥 Key | KCV |");
        line("|---|---|");
        for (Map.Entry<String, String> e : demo.keys().entrySet()) {
            line("| `" + e.getKey() + "` | `" + CardCrypto.keyCheckValue(Hex.parse(e.getKey(), e.getValue())) + "` |");
        }
        line();
        if (!demo.sm4Keys().isEmpty()) {
            line("SM4 demo keys (algorithm 04, CARD-SPEC §7.1; key store alias `<id>-sm4`) — **仅用于演示和测试 · DEMO"
                    + " ONLY** — by SM4 check value (leftmost 3 bytes of SM4-ECB(key, zero block)):");
            line();
            line("| SM4 密钥 Key | KCV |");
            line("|---|---|");
            for (Map.Entry<String, String> e : demo.sm4Keys().entrySet()) {
                line("| `" + e.getKey() + "` | `" + CardCrypto.sm4().checkValue(Hex.parse(e.getKey(), e.getValue()))
                        + "` |");
            }
            line();
        }
        for (Map.Entry<String, KeySpec.DemoVersion> v : demo.versions().entrySet()) {
            line("Demo card master keys of key version " + v.getKey() + " (issue 22; key store aliases `<id>-v"
                    + v.getKey().toLowerCase(java.util.Locale.ROOT) + "`, `<id>-sm4-v"
                    + v.getKey().toLowerCase(java.util.Locale.ROOT) + "`) — **仅用于演示和测试 · DEMO ONLY** — by check"
                    + " value:");
            line();
            line("| 密钥 Key | 3DES KCV | SM4 KCV |");
            line("|---|---|---|");
            for (Map.Entry<String, String> e : v.getValue().keys().entrySet()) {
                String sm4 = v.getValue().sm4Keys().get(e.getKey());
                line("| `" + e.getKey() + "` | `" + CardCrypto.keyCheckValue(Hex.parse(e.getKey(), e.getValue()))
                        + "` | "
                        + (sm4 == null ? "" : "`" + CardCrypto.sm4().checkValue(Hex.parse(e.getKey(), sm4)) + "`")
                        + " |");
            }
            line();
        }
    }

    private void line(String s) {
        md.append(s).append('\n');
    }

    private void line() {
        md.append('\n');
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String or(String s) {
        return s == null ? ".." : s;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
