package org.citycard.clearing.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.ReconciliationStatement;
import org.citycard.dictionary.xml.ExchangeSchemas.InvalidDocumentException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generation path of the departments' reconciliation statements, which the close no longer validates purchase by
 * purchase ({@link StatementXml}): purchases read from real rows of the purchase table's column types, at every
 * field's extremes, as {@link OutboundEvents#purchase} formats them, make statements that the XSD written to docs/
 * and xmllint accept, byte for byte what the fully validating codec writes; a broken envelope is still refused, and
 * a stored value wider than its field stops the statement.
 */
class StatementXmlTest {
    private static final DocumentCodec CODEC = DocumentCodec.standard();
    private static final Path XSD = Path.of("../docs/dictionary/exchange/reconciliation_statement.xsd");
    private static Connection db;

    @TempDir
    Path dir;

    @BeforeAll
    static void database() throws Exception {
        db = DriverManager.getConnection("jdbc:derby:memory:statement-xml-test;create=true");
        try (var s = db.createStatement()) {
            // the purchase table's types of the columns a statement reads
            s.execute("CREATE TABLE p (id BIGINT NOT NULL PRIMARY KEY, asn CHAR(20) NOT NULL, offline_seq INTEGER NOT"
                    + " NULL, terminal_id CHAR(12) NOT NULL, ttsn BIGINT NOT NULL, transaction_date CHAR(8) NOT NULL,"
                    + " transaction_time CHAR(6) NOT NULL, amount BIGINT NOT NULL, tac CHAR(8) NOT NULL, key_version"
                    + " SMALLINT NOT NULL, algorithm_id SMALLINT NOT NULL, payee_reference VARCHAR(20) NOT NULL)");
        }
    }

    @AfterAll
    static void close() throws Exception {
        db.close();
    }

    @Test
    void purchasesAtEveryFieldsExtremes_makeAStatementTheXsdAndXmllintAccept_theBytesTheValidatingCodecWrites()
            throws Exception {
        List<ReconciliationStatement.Purchase> purchases = new ArrayList<>();
        purchases.add(
                row(1, "00000000000000000000", 0, "000000000000", 0, "20260101", "000000", 0, "00000000", 0, 0, ""));
        purchases.add(row(
                2,
                "99999999999999999999",
                65_535,
                "999999999999",
                4_294_967_295L,
                "20261231",
                "235959",
                4_294_967_295L,
                "ffffffff",
                255,
                4,
                "~ !\"#$%&'()*+,-./09Z"));
        purchases.add(row(
                3,
                "31880000000000000012",
                0x0A0B,
                "800000000001",
                0x7FFFFFFFL + 1,
                "20260229",
                "120000",
                1_999,
                "1a2B3c4D",
                0x10,
                0,
                "REF"));
        ReconciliationStatement s = statement(purchases);

        byte[] xml = StatementXml.write(CODEC, s);

        assertThat(xml).isEqualTo(CODEC.write(s));
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(XSD.toFile())
                .newValidator()
                .validate(new StreamSource(new ByteArrayInputStream(xml)));
        xmllint(xml);
        ReconciliationStatement read = (ReconciliationStatement) CODEC.read(xml);
        assertThat(read.purchases())
                .extracting(p -> p.offlineSeq, p -> p.ttsn, p -> p.tac, p -> p.keyVersion, p -> p.algorithmId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("0000", "00000000", "00000000", "00", "00"),
                        org.assertj.core.groups.Tuple.tuple("FFFF", "FFFFFFFF", "FFFFFFFF", "FF", "04"),
                        org.assertj.core.groups.Tuple.tuple("0A0B", "80000000", "1A2B3C4D", "10", "00"));
        assertThat(read.purchases())
                .extracting(p -> p.payeeReference)
                .containsExactly(null, "~ !\"#$%&'()*+,-./09Z", "REF                 ");
    }

    @Test
    void anEnvelopeThatBreaksTheSchema_isRefusedNamingTheElement_evenWithPurchases() throws Exception {
        ReconciliationStatement s = statement(List.of(
                row(10, "31880000000000000012", 1, "800000000001", 1, "20261204", "120000", 5, "0A0B0C0D", 1, 0, "")));
        s.feeRateBp = "12345";

        assertThatThrownBy(() -> StatementXml.write(CODEC, s))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("12345");
        assertThat(s.purchases()).hasSize(1); // the statement is left as it was
    }

    @Test
    void aStoredValueWiderThanItsField_stopsTheStatement_namingThePurchaseTheColumnAndTheValue() {
        assertThatThrownBy(() -> row(
                        20,
                        "31880000000000000012",
                        65_536,
                        "800000000001",
                        7,
                        "20261204",
                        "120000",
                        5,
                        "0A0B0C0D",
                        1,
                        0,
                        ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("800000000001/7")
                .hasMessageContaining("offline_seq 65536")
                .hasMessageContaining("2 bytes");
        assertThatThrownBy(() -> row(
                        21,
                        "31880000000000000012",
                        1,
                        "800000000001",
                        4_294_967_296L,
                        "20261204",
                        "120000",
                        5,
                        "0A0B0C0D",
                        1,
                        0,
                        ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ttsn 4294967296");
        assertThatThrownBy(() -> row(
                        22,
                        "31880000000000000012",
                        1,
                        "800000000001",
                        8,
                        "20261204",
                        "120000",
                        5,
                        "0A0B0C0G",
                        1,
                        0,
                        ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tac '0A0B0C0G' is not 8 hex digits");
    }

    /** A row stored with these values, read back and formatted as a statement's purchase. */
    private static ReconciliationStatement.Purchase row(
            long id,
            String asn,
            int seq,
            String terminal,
            long ttsn,
            String date,
            String time,
            long amount,
            String tac,
            int keyVersion,
            int algorithm,
            String payee)
            throws Exception {
        try (PreparedStatement ins = db.prepareStatement("INSERT INTO p VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object[] values = {id, asn, seq, terminal, ttsn, date, time, amount, tac, keyVersion, algorithm, payee};
            for (int i = 0; i < values.length; i++) {
                ins.setObject(i + 1, values[i]);
            }
            ins.executeUpdate();
        }
        try (PreparedStatement q = db.prepareStatement("SELECT * FROM p WHERE id = ?")) {
            q.setLong(1, id);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return OutboundEvents.purchase(rs);
            }
        }
    }

    private static ReconciliationStatement statement(List<ReconciliationStatement.Purchase> purchases) {
        ReconciliationStatement s = new ReconciliationStatement()
                .header("RS-0101-20261204", "CENTRE", "0101", Instant.parse("2026-12-04T17:00:00Z"));
        s.businessDate = "20261204";
        s.departmentCode = "0101";
        s.departmentName = "基准部门0101 <&> \"quoted\"";
        s.purchaseCount = purchases.size();
        s.grossAmount = purchases.stream().mapToLong(p -> p.amount).sum();
        s.feeRateBp = "0025";
        s.feeAmount = 1;
        s.netAmount = Math.max(0, s.grossAmount - 1);
        s.purchases = new ArrayList<>(purchases);
        return s;
    }

    private void xmllint(byte[] xml) throws Exception {
        boolean installed = false;
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            installed |= Files.isExecutable(Path.of(d, "xmllint"));
        }
        if (!installed) {
            return;
        }
        Path file = dir.resolve("statement.xml");
        Files.write(file, xml);
        Process p = new ProcessBuilder(
                        "xmllint", "--noout", "--schema", XSD.toAbsolutePath().toString(), file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("xmllint: " + out).isZero();
    }
}
