package org.citycard.issuance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.engines.SM4Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.citycard.dictionary.crypto.Algorithm;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code issue keys ceremony|generate|list} with {@code --alg sm4} (issue 16), as staff would type them: SM4 check
 * values (Bouncy Castle's SM4Engine here), the key in the store under mpk-sm4, no component or key in the output
 * except the generated component shown to its custodian.
 */
class KeyCommandsSm4Test {
    @TempDir
    Path dir;

    static String sm4Kcv(byte[] key) {
        SM4Engine e = new SM4Engine();
        e.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        e.processBlock(new byte[16], 0, out, 0);
        return HexFormat.of().withUpperCase().formatHex(out, 0, 3);
    }

    @Test
    void sm4Ceremony_generate_andList() {
        CliRunner cli = new CliRunner(dir.resolve("data"));
        cli.env.put(IssueCli.ENV_PASSWORD, "password of sup");
        cli.ok("staff", "init", "--user", "sup", "--name", "Supervisor");
        cli.login("sup");
        for (String u : new String[] {"cust1", "cust2"}) {
            cli.env.put(IssueCli.ENV_PASSWORD, "password of " + u);
            cli.ok("staff", "add", "--user", u, "--role", "custodian");
        }
        cli.login("sup");
        cli.env.put(IssueCli.ENV_KEYSTORE_PASSWORD, "a long key store password");
        Path store = dir.resolve("issuer.bcfks");
        cli.ok("keys", "create", "--store", store.toString());

        // load the SM4 MPK from two components
        byte[] mpk = KeySet.demo().key("MPK", Algorithm.SM4);
        byte[] c1 = HexFormat.of().parseHex("00112233445566778899AABBCCDDEEFF");
        byte[] c2 = new byte[16];
        for (int i = 0; i < 16; i++) {
            c2[i] = (byte) (mpk[i] ^ c1[i]);
        }
        String hex1 = HexFormat.of().withUpperCase().formatHex(c1);
        String hex2 = HexFormat.of().withUpperCase().formatHex(c2);
        String input = String.join(
                        "\n",
                        "cust1",
                        "password of cust1",
                        hex1,
                        sm4Kcv(c1),
                        "cust2",
                        "password of cust2",
                        hex2,
                        CardCrypto.keyCheckValue(c2), // the 3DES check value: refused in an SM4 ceremony
                        "cust2",
                        "password of cust2",
                        hex2,
                        sm4Kcv(c2))
                + "\n";
        String out = cli.okWithInput(
                input,
                "keys",
                "ceremony",
                "--store",
                store.toString(),
                "--key",
                "MPK",
                "--alg",
                "sm4",
                "--components",
                "2",
                "--expect-kcv",
                sm4Kcv(mpk));
        assertThat(out)
                .contains("component 1 of 2 of MPK (SM4)")
                .contains("refused: component 2 does not match its check value")
                .contains("MPK (SM4) loaded into issuer.bcfks: key check value " + sm4Kcv(mpk))
                .doesNotContain(hex1)
                .doesNotContain(hex2);

        // generate an SM4 MLK: each custodian sees their component once
        out = cli.okWithInput(
                "cust1\npassword of cust1\n\ncust2\npassword of cust2\n\n",
                "keys",
                "generate",
                "--store",
                store.toString(),
                "--key",
                "MLK",
                "--alg",
                "sm4",
                "--components",
                "2");
        Matcher m = Pattern.compile(
                        "component (\\d) for (cust\\d) only: ([0-9A-F ]{39})\\R  its check value: ([0-9A-F]{6})")
                .matcher(out);
        byte[] combined = new byte[16];
        int shown = 0;
        while (m.find()) {
            byte[] c = HexFormat.of().parseHex(m.group(3).replace(" ", ""));
            assertThat(m.group(4)).isEqualTo(sm4Kcv(c));
            for (int i = 0; i < 16; i++) {
                combined[i] ^= c[i];
            }
            shown++;
        }
        assertThat(shown).isEqualTo(2);
        KeySet reopened = KeyStoreKeySet.open(store, "a long key store password".toCharArray());
        assertThat(reopened.key("MLK", Algorithm.SM4)).isEqualTo(combined);
        assertThat(out)
                .contains("MLK (SM4) generated into issuer.bcfks: key check value " + sm4Kcv(combined))
                .doesNotContain(HexFormat.of().withUpperCase().formatHex(combined));

        out = cli.ok("keys", "list", "--store", store.toString());
        assertThat(out)
                .contains("3DES keys (alias <id>")
                .contains("SM4 keys (alias <id>-sm4")
                .contains("MPK   KCV " + sm4Kcv(mpk))
                .contains("MLK   KCV " + sm4Kcv(combined))
                .contains("MPK   missing")
                .contains("10 of 10 3DES keys missing")
                .contains("7 of 9 SM4 keys missing (needed for SM4 batches only)");
        assertThat(cli.run("keys", "ceremony", "--store", store.toString(), "--key", "MPK", "--alg", "aes")
                        .err())
                .contains("algorithm 'aes': 3des or sm4");
    }
}
