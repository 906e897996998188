package org.citycard.dictionary.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.xml.ExchangeLayouts;
import org.citycard.dictionary.xml.ExchangeSchemas.InvalidDocumentException;
import org.citycard.dictionary.xml.SchemaGenerator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentCodecTest {
    private final DocumentCodec codec = DocumentCodec.standard();
    private final SchemaGenerator generator = SchemaGenerator.standard();

    @Test
    void everyDocumentType_roundTrips_andValidatesAgainstItsXsd_withAnIndependentValidator() throws Exception {
        assertThat(Samples.all())
                .extracting(ExchangeDocument::type)
                .containsExactlyInAnyOrderElementsOf(
                        Dictionary.standard().codeTable("document-type").asMap().keySet());
        ObjectMapper json = new ObjectMapper();
        for (ExchangeDocument d : Samples.all()) {
            byte[] xml = codec.write(d);
            // a validator of its own, on the schema as generated (not the codec's cached one)
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(new StreamSource(new ByteArrayInputStream(generator.schema(d.type()))))
                    .newValidator()
                    .validate(new StreamSource(new ByteArrayInputStream(xml)));
            ExchangeDocument back = codec.read(xml);
            assertThat(back).isInstanceOf(d.getClass());
            assertThat(json.writeValueAsString(back)).isEqualTo(json.writeValueAsString(d));
        }
    }

    @Test
    void xmlNames_areTheDictionaryElementIds() {
        String xml = new String(codec.write(Samples.statement()), StandardCharsets.UTF_8);
        assertThat(xml)
                .contains(
                        "<reconciliation_statement>",
                        "<document_id>RS-0001-20261201</document_id>",
                        "<gross_amount>200</gross_amount>",
                        "<purchases>",
                        "<purchase>",
                        "<tac>A1B2C3D4</tac>");
    }

    @Test
    void write_refusesADocumentThatBreaksItsSchema_namingTheElement() {
        ReconciliationStatement s = Samples.statement();
        s.purchases().get(0).tac = "XYZ";
        assertThatThrownBy(() -> codec.write(s))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("XYZ")
                .hasMessageContaining("tac");
        CardStatusEvent e = Samples.cardEvent();
        e.cardEvent = "99";
        assertThatThrownBy(() -> codec.write(e))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("99");
    }

    @Test
    void read_refusesMalformedUnknownAndInvalidDocuments() {
        assertThatThrownBy(() -> codec.read("<registry_change><header>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("registry_change.xsd, line 1");
        assertThatThrownBy(() -> codec.read("<invoice/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("invoice");
        byte[] bad = codec.writeUnchecked(withCitizenId(Samples.contributions(), "123"));
        assertThatThrownBy(() -> codec.read(bad))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("123");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<registry_change>&x;</registry_change>";
        assertThatThrownBy(() -> codec.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidDocumentException.class);
    }

    @Test
    void headerType_mustMatchTheRootElement() {
        byte[] xml = new String(codec.write(Samples.cardEvent()), StandardCharsets.UTF_8)
                .replace("<document_type>CE</document_type>", "<document_type>RS</document_type>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.read(xml))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("document_type");
    }

    @Test
    void schemas_takeFacetsAndCodeListsFromTheDictionary() {
        String xsd = new String(generator.schema("RS"), StandardCharsets.UTF_8);
        assertThat(xsd)
                .contains(
                        "name=\"tac\"",
                        "[0-9A-F]{8}",
                        "name=\"asn\"",
                        "[0-9]{20}",
                        "<xs:maxInclusive value=\"4294967295\"/>",
                        "<xs:enumeration value=\"00\">",
                        "交易验证码 TAC");
        String rc = new String(generator.schema("RC"), StandardCharsets.UTF_8);
        assertThat(rc)
                .contains(
                        "[0-9]{17}[0-9X]",
                        "<xs:enumeration value=\"D\">",
                        "name=\"name\"",
                        "<xs:maxLength value=\"30\"/>");
    }

    @Test
    void theSchemasInDocs_areTheGeneratedOnes() throws Exception {
        Path docs = Path.of("../docs/dictionary/exchange");
        for (ExchangeLayouts.Layout l : ExchangeLayouts.standard().layouts()) {
            Path f = docs.resolve(SchemaGenerator.fileName(l));
            assertThat(f).as("run the data-dictionary build to write " + f).exists();
            assertThat(Files.readAllBytes(f)).isEqualTo(generator.schema(l.type()));
        }
    }

    @Test
    void everyDocument_validatesWithXmllint_whereItIsInstalled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("xmllint"), "xmllint not installed (Debian libxml2-utils)");
        List<String> failures = new ArrayList<>();
        for (ExchangeDocument d : Samples.all()) {
            ExchangeLayouts.Layout l = ExchangeLayouts.standard().layout(d.type());
            Path xsd = Files.write(dir.resolve(SchemaGenerator.fileName(l)), generator.schema(d.type()));
            Path xml = Files.write(dir.resolve(l.root() + ".xml"), codec.write(d));
            Process p = new ProcessBuilder("xmllint", "--noout", "--schema", xsd.toString(), xml.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            if (p.exitValue() != 0) {
                failures.add(l.root() + ": " + out);
            }
        }
        assertThat(failures).isEmpty();
        // and xmllint refuses what the schema refuses
        ExchangeLayouts.Layout l = ExchangeLayouts.standard().layout("SC");
        Path bad =
                Files.write(dir.resolve("bad.xml"), codec.writeUnchecked(withCitizenId(Samples.contributions(), "1")));
        Process p = new ProcessBuilder(
                        "xmllint",
                        "--noout",
                        "--schema",
                        dir.resolve(SchemaGenerator.fileName(l)).toString(),
                        bad.toString())
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
    }

    @Test
    void signature_verifiesWithTheSendersCertificate_only(@TempDir Path dir) {
        PartyKeys.PartyKey a = PartyKeys.openOrCreateDemo(dir.resolve("a.bcfks"), "PR01");
        PartyKeys.PartyKey b = PartyKeys.openOrCreateDemo(dir.resolve("b.bcfks"), "SS01");
        byte[] xml = codec.write(Samples.registry());
        byte[] sig = DocumentSignature.sign(xml, a);
        assertThat(DocumentSignature.verify(xml, sig, a.certificate())).isTrue();
        assertThat(DocumentSignature.verify(xml, sig, b.certificate())).isFalse();
        byte[] changed = xml.clone();
        changed[changed.length - 3] ^= 1;
        assertThat(DocumentSignature.verify(changed, sig, a.certificate())).isFalse();
        assertThat(PartyKeys.fromPem(PartyKeys.toPem(a.certificate()))).isEqualTo(a.certificate());
        assertThat(PartyKeys.openOrCreateDemo(dir.resolve("a.bcfks"), "PR01").certificate())
                .isEqualTo(a.certificate());
    }

    private static Contributions withCitizenId(Contributions d, String id) {
        d.contributions().get(0).citizenId = id;
        return d;
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
