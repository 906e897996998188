package org.citycard.clearing.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.citycard.clearing.settlement.DayCloseContext;
import org.citycard.clearing.socialsecurity.ExchangeFileImporter;
import org.citycard.clearing.support.TestData;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.exchange.DocumentCodec;
import org.citycard.dictionary.exchange.DocumentSignature;
import org.citycard.dictionary.exchange.FileMac;
import org.citycard.dictionary.exchange.MedicalMovements;
import org.citycard.dictionary.exchange.PartyKeys;
import org.citycard.dictionary.exchange.RegistryChange;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.CitizenId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The exchange files' findings of issue 15, against the real server on Derby, the real broker's processor and the
 * real schemas: a file nobody authenticated is refused whole, a re-sent movement is booked once, sizes are bounded
 * before parsing, and no full citizen ID number lands in a stored summary or a log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class ExchangeFileSecurityTest extends DayCloseContext {
    static final FixedWidthCodec CODEC = new FixedWidthCodec(Dictionary.standard(), "social_security_exchange");
    static final DocumentCodec XML = DocumentCodec.standard();

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ExchangeFileImporter importer;

    @Autowired
    InboundProcessor inbound;

    @Autowired
    ExchangeService service;

    @TempDir
    Path keys;

    TestRestTemplate admin;

    @BeforeEach
    void setUp() {
        String user = "xfadmin" + TestData.unique() % 100_000;
        admin = http.withBasicAuth(user, staffUser(user, "ADMIN", "STAFF"));
    }

    // ------------------------------------------------------------------ 1. authentication

    @Test
    void aFileWithAForgedOrMissingMac_isRefusedWhole_namingTheFileAndTheRule_andNothingIsStored() {
        String sender = "SF" + TestData.unique() % 100_000;
        String citizen = citizen();
        for (String mac : List.of("0".repeat(64), "")) {
            String name = "forged-" + TestData.unique() + ".txt";
            byte[] file = new File(sender, "20310301")
                    .movement(citizen, "MV" + TestData.unique(), "20310228", "I", 50_000, 50_000)
                    .trailer(mac);

            ResponseEntity<String> r = post(name, file);

            assertThat(r.getStatusCode().value()).isEqualTo(400);
            assertThat(r.getBody()).contains(name).contains("file_mac");
            assertThat(movements(citizen)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ss_import WHERE file_name = ?", Long.class, name))
                    .isZero();
        }
    }

    @Test
    void aFileMacdWithTheSendersIssuedKey_isTakenIn_oneByteChangedOrAnotherKey_isRefused() {
        String sender = "SK" + TestData.unique() % 100_000;
        ResponseEntity<Map> issued = admin.postForEntity("/api/v1/admin/exchange/file-keys/" + sender, null, Map.class);
        assertThat(issued.getStatusCode().value()).isEqualTo(200);
        byte[] key = org.citycard.dictionary.codec.Hex.parse(
                (String) issued.getBody().get("key"));
        assertThat(issued.getBody().get("checkValue")).isEqualTo(FileMac.checkValue(key));
        assertThat(jdbc.queryForObject(
                        "SELECT key_under_lmk FROM exchange_file_key WHERE party = ?", String.class, sender))
                .as("kept under the LMK, never in clear")
                .isNotEqualToIgnoringCase((String) issued.getBody().get("key"));
        ResponseEntity<String> listed = admin.getForEntity("/api/v1/admin/exchange/file-keys", String.class);
        assertThat(listed.getBody()).contains(sender).doesNotContain((String)
                issued.getBody().get("key"));
        String citizen = citizen();

        byte[] sealed = FileMac.seal(
                new File(sender, "20310301")
                        .movement(citizen, "MV" + TestData.unique(), "20310228", "I", 50_000, 50_000)
                        .trailer(""),
                key);
        byte[] changed = sealed.clone();
        changed[160] = (byte) (changed[160] == '1' ? '2' : '1'); // a digit of the movement's amount
        String changedName = "changed-" + TestData.unique() + ".txt";
        ResponseEntity<String> refused = post(changedName, changed);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody()).contains(changedName, "file_mac", "does not verify");
        byte[] otherKey = FileMac.seal(
                new File(sender, "20310301")
                        .movement(citizen, "MV" + TestData.unique(), "20310228", "I", 50_000, 50_000)
                        .trailer(""),
                FileMac.newKey());
        assertThat(post("other-" + TestData.unique() + ".txt", otherKey)
                        .getStatusCode()
                        .value())
                .isEqualTo(400);
        assertThat(movements(citizen)).isZero();

        ResponseEntity<String> ok = post("good-" + TestData.unique() + ".txt", sealed);
        assertThat(ok.getStatusCode().value()).as(ok.getBody()).isEqualTo(200);
        assertThat(movements(citizen)).isEqualTo(1);
    }

    @Test
    void aDocumentOverTheBrokerPath_unsignedOrSignedByAnotherKey_isRefused_withNothingApplied() {
        // the broker carries the XML documents, each with the sender's detached CMS signature (its certificate on
        // record): the per-department authentication of that path, checked here beside the files' MAC
        PartyKeys.PartyKey registry = party("SU", List.of("RC"));
        PartyKeys.PartyKey stranger = PartyKeys.openOrCreateDemo(keys.resolve("stranger.bcfks"), registry.party());
        String citizen = citizen();
        byte[] xml = XML.write(registryDoc(registry.party(), "N", citizen));

        for (byte[] signature : new byte[][] {null, new byte[0], DocumentSignature.sign(xml, stranger)}) {
            Outcome o = inbound.receive(xml, signature);
            assertThat(o.status()).isEqualTo("REFUSED");
            assertThat(o.reason()).contains("signature");
        }
        assertThat(context.getBean(ExchangeRepository.class).person(citizen)).isEmpty();
    }

    // ------------------------------------------------------------------ 2. idempotent by natural key

    @Test
    void aReSentFileWithOneByteChanged_booksNoMovementTwice_andAConflictingMovementIsRefused() {
        String sender = "SI" + TestData.unique() % 100_000;
        String citizen = citizen();
        String in = "MV" + TestData.unique();
        String out = "MV" + TestData.unique();
        byte[] first = new File(sender, "20310301")
                .movement(citizen, in, "20310228", "I", 10_000, 10_000)
                .movement(citizen, out, "20310228", "O", 2_000, 8_000)
                .trailer("");
        importer.importFile("first-" + TestData.unique() + ".txt", first, "test");
        assertThat(movements(citizen)).isEqualTo(2);

        byte[] again = Arrays.copyOf(first, first.length);
        again[16] = (byte) (again[16] == '2' ? '3' : '2'); // the header's created date: another SHA-256
        ExchangeFileImporter.Result r = importer.importFile("again-" + TestData.unique() + ".txt", again, "test");

        assertThat(r.importedBefore()).isFalse();
        assertThat(movements(citizen)).isEqualTo(2);

        byte[] conflicting = new File(sender, "20310302")
                .movement(citizen, out, "20310228", "O", 2_500, 7_500)
                .trailer("");
        ExchangeFileImporter.Result c =
                importer.importFile("conflict-" + TestData.unique() + ".txt", conflicting, "test");

        assertThat(c.movements()).isZero();
        assertThat(c.errors()).hasSize(1);
        assertThat(c.errors().get(0).toString()).contains("movement_id").contains(out);
        assertThat(movements(citizen)).isEqualTo(2);
        assertThat(jdbc.queryForObject(
                        "SELECT SUM(amount) FROM ss_medical_movement WHERE citizen_id = ?", Long.class, citizen))
                .isEqualTo(12_000L);
    }

    @Test
    void aMovementWithoutItsId_isReportedByLine_andNotBooked() {
        String citizen = citizen();
        byte[] file = new File("SN" + TestData.unique() % 100_000, "20310301")
                .movement(citizen, "", "20310228", "I", 10_000, 10_000)
                .trailer("");

        ExchangeFileImporter.Result r = importer.importFile("noid-" + TestData.unique() + ".txt", file, "test");

        assertThat(r.movements()).isZero();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.field()).contains("movement_id");
        });
        assertThat(movements(citizen)).isZero();
    }

    @Test
    void aMovementsDocumentReSentUnderAnotherDocumentId_booksNothingTwice() {
        PartyKeys.PartyKey ss = party("SD", List.of("MM"));
        String citizen = citizen();
        String movementId = "MV" + TestData.unique();
        MedicalMovements first = movementsDoc(ss.party(), citizen, movementId, 40_000);
        MedicalMovements again = movementsDoc(ss.party(), citizen, movementId, 40_000);
        MedicalMovements conflicting = movementsDoc(ss.party(), citizen, movementId, 41_000);
        MedicalMovements.Movement other = movementsDoc(ss.party(), citizen, "MV" + TestData.unique(), 1_000)
                .movements
                .get(0);
        conflicting.movements.add(0, other);

        assertThat(receive(first, ss).status()).isEqualTo("APPLIED");
        assertThat(receive(again, ss).status()).isEqualTo("APPLIED");
        assertThat(movements(citizen)).isEqualTo(1);

        Outcome o = receive(conflicting, ss);
        assertThat(o.status()).isEqualTo("REFUSED");
        assertThat(o.reason()).contains("movement_id", movementId, "other content");
        assertThat(movements(citizen)).as("nothing of the conflicting document").isEqualTo(1);
    }

    // ------------------------------------------------------------------ 3. size limits, safe XML

    @Test
    void aFileAboveTheSizeLimit_isRefusedBeforeParsing_withNothingStored() {
        String name = "big-" + TestData.unique() + ".txt";
        ByteArrayOutputStream big = new ByteArrayOutputStream();
        big.writeBytes(CODEC.formatBytes("H", Map.of("created", "20310301", "sender", "SB01")));
        big.writeBytes(("M" + " ".repeat(17 * 1024 * 1024) + "\n").getBytes(StandardCharsets.US_ASCII));
        big.writeBytes(CODEC.formatBytes("T", Map.of("line_count", 1, "file_mac", "")));

        ResponseEntity<String> r = post(name, big.toByteArray());

        assertThat(r.getStatusCode().value()).isEqualTo(413);
        assertThat(r.getBody()).contains(name).contains("max-file-bytes").contains("refused before reading");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ss_import WHERE file_name = ?", Long.class, name))
                .isZero();
    }

    @Test
    void aFileWithMoreEntriesThanTheLimit_isRefusedBeforeParsing() {
        String name = "many-" + TestData.unique() + ".txt";
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        many.writeBytes(CODEC.formatBytes("H", Map.of("created", "20310301", "sender", "SB02")));
        byte[] line = ("M" + " ".repeat(119) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 100_001; i++) {
            many.writeBytes(line);
        }
        many.writeBytes(CODEC.formatBytes("T", Map.of("line_count", 100_001, "file_mac", "")));

        ResponseEntity<String> r = post(name, many.toByteArray());

        assertThat(r.getStatusCode().value()).isEqualTo(400);
        assertThat(r.getBody()).contains(name).contains("max-entries");
    }

    @Test
    void aDocumentAboveTheSizeLimitOverTheBroker_isRefusedBeforeParsing() {
        PartyKeys.PartyKey registry = party("SZ", List.of("RC"));
        String citizen = citizen();
        RegistryChange rc = registryDoc(registry.party(), "N", citizen);
        String xml = new String(XML.write(rc), StandardCharsets.UTF_8);
        String padded = xml.replaceFirst("<persons>", "<!-- " + "x".repeat(17 * 1024 * 1024) + " --><persons>");
        byte[] bytes = padded.getBytes(StandardCharsets.UTF_8);

        Outcome o = inbound.receive(bytes, DocumentSignature.sign(bytes, registry));

        assertThat(o.status()).isEqualTo("REFUSED");
        assertThat(o.reason()).contains("max-file-bytes");
        assertThat(context.getBean(ExchangeRepository.class).person(citizen)).isEmpty();
    }

    @Test
    void aDocumentWithAnExternalEntity_isRefused_andTheEntityIsNeverRead() {
        PartyKeys.PartyKey registry = party("SX", List.of("RC"));
        String citizen = citizen();
        String xml = new String(XML.write(registryDoc(registry.party(), "N", citizen)), StandardCharsets.UTF_8);
        String evil = xml.replaceFirst(
                        "<registry_change",
                        "<!DOCTYPE registry_change [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><registry_change")
                .replaceFirst("<name>[^<]*</name>", "<name>&x;</name>");
        byte[] bytes = evil.getBytes(StandardCharsets.UTF_8);

        Outcome o = inbound.receive(bytes, DocumentSignature.sign(bytes, registry));

        assertThat(o.status()).isEqualTo("REFUSED");
        assertThat(o.reason()).doesNotContain("root:");
        assertThat(context.getBean(ExchangeRepository.class).person(citizen)).isEmpty();
    }

    // ------------------------------------------------------------------ 4. no full ID in summaries or logs

    @Test
    void storedSummariesAndLogLines_holdNoFullCitizenId(CapturedOutput output) {
        String alice = citizen();
        String badId = alice.substring(0, 17) + (alice.charAt(17) == '1' ? '2' : '1');
        String name = "ids-" + TestData.unique() + ".txt";
        String sender = "SM" + TestData.unique() % 100_000;
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.writeBytes(CODEC.formatBytes("H", Map.of("created", "20310301", "sender", sender)));
        f.writeBytes(contribution(badId)); // line 2: check digit
        f.writeBytes(contribution(alice)); // line 3
        f.writeBytes(contribution(alice)); // line 4: the same month and type again
        f.writeBytes(CODEC.formatBytes("T", Map.of("line_count", 3, "file_mac", "")));
        ExchangeFileImporter.Result r = importer.importFile(name, f.toByteArray(), "test");
        assertThat(r.rejected()).isEqualTo(2);

        PartyKeys.PartyKey registry = party("SR", List.of("RC"));
        String bob = citizen();
        RegistryChange unknown = registryDoc(registry.party(), "C", bob); // C for a person not in the registry
        byte[] xml = XML.write(unknown);
        assertThat(inbound.receive(xml, DocumentSignature.sign(xml, registry)).status())
                .isEqualTo("REFUSED");
        String carolBad = citizen();
        carolBad = carolBad.substring(0, 17) + (carolBad.charAt(17) == '1' ? '2' : '1');
        RegistryChange badDigit = registryDoc(registry.party(), "N", carolBad);
        byte[] xml2 = XML.writeUnchecked(badDigit);
        assertThat(inbound.receive(xml2, DocumentSignature.sign(xml2, registry)).status())
                .isEqualTo("REFUSED");

        String errors = jdbc.queryForObject("SELECT errors FROM ss_import WHERE file_name = ?", String.class, name);
        List<String> reasons = jdbc.queryForList(
                "SELECT reason FROM exchange_refusal WHERE document_id IN (?, ?)",
                String.class,
                unknown.documentId(),
                badDigit.documentId());
        assertThat(reasons).hasSize(2);
        assertThat(errors).contains(CitizenId.mask(alice)).contains("line 2").contains("line 4");
        for (String id : List.of(alice, badId, bob, carolBad)) {
            assertThat(errors).doesNotContain(id);
            assertThat(reasons).allSatisfy(reason -> assertThat(reason).doesNotContain(id));
            assertThat(r.errors()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(id));
            assertThat(output.getAll()).doesNotContain(id);
        }
        assertThat(String.join("\n", reasons)).contains(CitizenId.mask(bob));
    }

    // ------------------------------------------------------------------ helpers

    /** A department exchange file with movements that carry their IDs, as the dictionary's layout places them. */
    static final class File {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int details;

        File(String sender, String created) {
            out.writeBytes(CODEC.formatBytes("H", Map.of("created", created, "sender", sender)));
        }

        File movement(String citizen, String movementId, String date, String direction, long amount, long after) {
            details++;
            byte[] line = CODEC.formatBytes(
                    "M",
                    Map.of(
                            "citizen_id", citizen,
                            "date", date,
                            "direction", direction,
                            "amount", amount,
                            "balance_after", after,
                            "description", "个人账户",
                            "movement_id", movementId));
            out.writeBytes(line);
            return this;
        }

        /** The trailer, {@code mac} (hex) in the MAC's place: "" for none. */
        byte[] trailer(String mac) {
            byte[] line = CODEC.formatBytes("T", Map.of("line_count", details, "file_mac", ""));
            put(line, 11, mac, 64);
            out.writeBytes(line);
            return out.toByteArray();
        }

        private static void put(byte[] line, int at, String text, int width) {
            byte[] b = String.format("%-" + width + "s", text).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(b, 0, line, at, width);
        }
    }

    private static byte[] contribution(String citizen) {
        return CODEC.formatBytes(
                "C",
                Map.of(
                        "citizen_id",
                        citizen,
                        "month",
                        "203102",
                        "insurance_type",
                        "110",
                        "base",
                        500_000L,
                        "employer_amount",
                        80_000L,
                        "personal_amount",
                        40_000L,
                        "payer",
                        "市测试单位"));
    }

    private ResponseEntity<String> post(String name, byte[] file) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return admin.exchange(
                "/api/v1/social-security/imports?name=" + name,
                HttpMethod.POST,
                new HttpEntity<>(file, h),
                String.class);
    }

    private long movements(String citizen) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM ss_medical_movement WHERE citizen_id = ?", Long.class, citizen);
    }

    private PartyKeys.PartyKey party(String prefix, List<String> maySend) {
        String code = prefix + TestData.unique() % 100_000;
        PartyKeys.PartyKey key = PartyKeys.openOrCreateDemo(keys.resolve(code + ".bcfks"), code);
        service.putParty(
                code,
                new ExchangeService.PartyRequest(
                        "测试方 " + code, PartyKeys.toPem(key.certificate()), maySend, List.of()));
        return key;
    }

    private Outcome receive(org.citycard.dictionary.exchange.ExchangeDocument doc, PartyKeys.PartyKey key) {
        byte[] xml = XML.write(doc);
        return inbound.receive(xml, DocumentSignature.sign(xml, key));
    }

    private MedicalMovements movementsDoc(String sender, String citizen, String movementId, long amount) {
        MedicalMovements mm =
                new MedicalMovements().header("MM-" + TestData.unique(), sender, "CENTRE", java.time.Instant.now());
        MedicalMovements.Movement m = new MedicalMovements.Movement();
        m.movementId = movementId;
        m.citizenId = citizen;
        m.movementDate = "20310228";
        m.movementDirection = "I";
        m.amount = amount;
        m.medicalBalance = amount;
        m.movementDescription = "月度划入";
        mm.movements.add(m);
        return mm;
    }

    private static RegistryChange registryDoc(String sender, String kind, String citizen) {
        RegistryChange d =
                new RegistryChange().header("RC-" + TestData.unique(), sender, "CENTRE", java.time.Instant.now());
        RegistryChange.Person p = new RegistryChange.Person();
        p.registryChange = kind;
        p.citizenId = citizen;
        p.name = "李四";
        p.sex = "1";
        p.birthDate = citizen.substring(6, 14);
        d.persons.add(p);
        return d;
    }

    /** A citizen ID nobody else uses (the database outlives a run), with its check digit. */
    static String citizen() {
        long n = TestData.unique();
        String born = java.time.LocalDate.of(1950, 1, 1)
                .plusDays(n % 20_000)
                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String body = "110105" + born + String.format("%03d", (n / 20_000) % 1000);
        return body + CitizenId.checkCharacter(body);
    }
}
