package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.issuance.support.People;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line from a first supervisor to personalised cards, as staff would type it. */
class IssueCliTest {
    @TempDir
    Path dir;

    CliRunner cli;

    private void staff() {
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        assertThat(cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor"))
                .contains("supervisor sup created");
        cli.login("sup");
        for (String[] a : new String[][] {
            {"clerk", "clerk"}, {"rev", "reviewer"}, {"op", "operator"}, {"cust1", "custodian"}, {"cust2", "custodian"}
        }) {
            cli.env.put(IssueCli.ENV_PASSWORD, "password of " + a[0]);
            cli.ok("staff", "add", "--user", a[0], "--role", a[1]);
        }
        assertThat(cli.ok("staff", "list")).contains("cust2").contains("custodian");
    }

    @Test
    void help_isThereEverywhere() {
        cli = new CliRunner(dir.resolve("data"));
        for (String[] args : List.of(
                new String[] {"--help"},
                new String[] {"enrol", "--help"},
                new String[] {"keys", "ceremony", "--help"},
                new String[] {"batch", "run", "--help"},
                new String[] {"cancel", "--help"},
                new String[] {"audit", "verify", "--help"})) {
            CliRunner.Result r = cli.run(args);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("Usage: issue");
        }
    }

    @Test
    void fromFirstSupervisor_toPersonalisedCards() throws Exception {
        cli = new CliRunner(dir.resolve("data"));
        staff();
        cli.ok("logout");
        assertThat(cli.run("enrol", "--id", People.id(1)).err()).contains("not logged in");

        // enrolment: options, CSV, interactive prompt
        cli.login("clerk");
        String id1 = People.id(1);
        Path photo1 = People.photoFile(dir, "p1.jpg", People.jpeg(1));
        String out = cli.ok(
                "enrol",
                "--id",
                id1,
                "--name",
                "李雷",
                "--sex",
                People.sex(id1),
                "--ethnicity",
                "01",
                "--birth-date",
                People.birth(id1),
                "--photo",
                photo1.toString());
        assertThat(out).contains("application 1000001 enrolled");
        CliRunner.Result bad = cli.run(
                "enrol",
                "--id",
                id1.substring(0, 17) + "0",
                "--name",
                "李雷",
                "--sex",
                "1",
                "--ethnicity",
                "99",
                "--birth-date",
                "19000101",
                "--photo",
                photo1.toString());
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("enrolment refused").contains("ethnicity '99'");
        String id2 = People.id(2);
        String id3 = People.id(3);
        People.photoFile(dir, "p2.png", People.png(2));
        Files.writeString(
                dir.resolve("batch.csv"),
                "citizen_id,name,sex,ethnicity,birth_date,photo\n"
                        + id2 + ",韩梅梅," + People.sex(id2) + ",01," + People.birth(id2) + ",p2.png\n"
                        + id3 + ",王五,9,01," + People.birth(id3) + ",p2.png\n");
        CliRunner.Result csvRun =
                cli.run("enrol", "--csv", dir.resolve("batch.csv").toString());
        assertThat(csvRun.exit()).as("a refused row fails the run").isEqualTo(1);
        assertThat(csvRun.out()).contains("line 3 field sex '9'").contains("1 enrolled, 1 rows refused");
        String id4 = People.id(4);
        Path photo4 = People.photoFile(dir, "p4.jpg", People.jpeg(4));
        String answers = String.join("\n", id4, "欧阳修", "7", "01", "", "", "", "", "", "", photo4.toString()) + "\n";
        out = cli.okWithInput(answers, "enrol", "--interactive");
        assertThat(out)
                .contains("性别 Sex: " + People.sex(id4))
                .contains(People.birth(id4) + " (from the ID number)")
                .contains("ethnicity '7'")
                .contains("application 1000003 enrolled");

        // comparison and review
        cli.login("rev");
        Path registry = dir.resolve("registry.txt");
        Files.write(
                registry,
                (People.registryLine(id1, "李雷") + "\n" + People.registryLine(id2, "韩梅梅") + "\n"
                                + People.registryLine(id4, "欧阳修") + "\n")
                        .getBytes(Charset.forName("GB18030")));
        assertThat(cli.ok("registry", "import", registry.toString())).contains("3 people imported, 0 bad lines");
        out = cli.ok("compare");
        assertThat(out).contains("1000001: passed").contains("1000002: passed").contains("1000003: passed");
        assertThat(cli.ok("review", "list")).contains("0 waiting");

        // key store and key ceremony: MPK from two components
        cli.login("sup");
        cli.env.put(IssueCli.ENV_KEYSTORE_PASSWORD, "a long key store password");
        Path store = dir.resolve("issuer.bcfks");
        cli.ok("keys", "create", "--store", store.toString());
        byte[] mpk = KeySet.demo().key("MPK");
        byte[] c1 = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
        byte[] c2 = new byte[16];
        for (int i = 0; i < 16; i++) {
            c2[i] = (byte) (mpk[i] ^ c1[i]);
        }
        String hex1 = HexFormat.of().withUpperCase().formatHex(c1);
        String hex2 = HexFormat.of().withUpperCase().formatHex(c2);
        String ceremony = String.join(
                        "\n",
                        "cust1",
                        "password of cust1",
                        hex1,
                        CardCrypto.keyCheckValue(c1),
                        "cust2",
                        "password of cust2",
                        hex1,
                        CardCrypto.keyCheckValue(c2), // wrong component first
                        "cust2",
                        "password of cust2",
                        hex2,
                        CardCrypto.keyCheckValue(c2))
                + "\n";
        out = cli.okWithInput(
                ceremony,
                "keys",
                "ceremony",
                "--store",
                store.toString(),
                "--key",
                "MPK",
                "--components",
                "2",
                "--expect-kcv",
                CardCrypto.keyCheckValue(mpk));
        assertThat(out)
                .contains("refused: component 2 does not match its check value")
                .contains("MPK loaded into issuer.bcfks: key check value " + CardCrypto.keyCheckValue(mpk))
                .doesNotContain(hex1)
                .doesNotContain(hex2);
        assertThat(cli.ok("keys", "list", "--store", store.toString()))
                .contains("MPK   KCV " + CardCrypto.keyCheckValue(mpk))
                .contains("MLK   missing");

        // production with the simulator and the demo key set
        cli.login("op");
        assertThat(cli.ok("batch", "create", "--count", "10", "--key-set", "demo"))
                .contains("batch 1 created with 3 cards");
        out = cli.ok("batch", "run", "1", "--key-set", "demo", "--reader", "sim", "--quiet");
        assertThat(out).contains("3 of 3 cards done (3 personalised now").contains("host-side");
        assertThat(out).contains("reported to the server: 0, not reported: 3");
        assertThat(cli.ok("batch", "list")).contains("batch 1  3/3 done  key set demo  finished");
        out = cli.ok("psam", "--terminal-id", "310100000042", "--key-set", "demo", "--reader", "sim");
        assertThat(out).contains("PSAM of terminal 310100000042 personalised (2 files verified)");

        cli.login("clerk");
        out = cli.ok("status", id1);
        assertThat(out)
                .contains("state 40 已个人化 Personalised")
                .contains("ASN 3100000000000000000")
                .contains("-> 30 制卡中 In production")
                .contains("next: [50 已发放 Distributed]")
                .doesNotContain(id1);
        assertThat(cli.run("activate", "1000001").err()).contains("cannot move to 60");

        cli.login("sup");
        assertThat(cli.ok("audit", "verify")).contains("is intact");
        assertThat(cli.ok("audit", "list", "--limit", "500"))
                .contains("KEY_CEREMONY")
                .contains("PERSONALISE");
        assertThat(cli.ok("logout")).contains("logged out");
        assertThat(cli.run("whoami").exit()).isEqualTo(1);

        String all = String.join("\n", cli.transcript);
        assertThat(all)
                .doesNotContain(hex1)
                .doesNotContain(hex2)
                .doesNotContain(HexFormat.of().formatHex(mpk).toUpperCase());
        org.citycard.issuance.support.LogScan.assertNoSecrets(dir.resolve("data"), List.of(hex1, hex2), List.of());
        org.citycard.issuance.support.LogScan.assertNoSecrets(
                dir.resolve("issuer.bcfks"), List.of(hex1, hex2), List.of());
    }
}
