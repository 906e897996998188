package org.citycard.issuance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.citycard.applet.sim.SimulatedCard;
import org.citycard.cardlink.perso.CardCommands;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.crypto.CardCrypto;
import org.citycard.dictionary.crypto.KeySet;
import org.citycard.dictionary.crypto.KeyStoreKeySet;
import org.citycard.issuance.keys.KeyCeremony;
import org.citycard.issuance.keys.KeyIds;
import org.citycard.issuance.life.CardLife;
import org.citycard.issuance.perso.ProductionService;
import org.citycard.issuance.perso.ProgressListener;
import org.citycard.issuance.perso.source.SimulatorCardSource;
import org.citycard.issuance.support.Fixture;
import org.citycard.issuance.support.HostTerminal;
import org.citycard.issuance.support.LogScan;
import org.citycard.issuance.support.Pipeline;
import org.citycard.issuance.support.RecordingRegistry;
import org.citycard.issuance.workflow.CardRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A production key store loaded by key ceremonies with fresh random keys, cards personalised with it, a PIN chosen at
 * distribution and another one set at the counter; then every file the tool wrote — audit log, its mirror, Derby's
 * log and database, the session — is scanned for every key, key component and PIN: none may be there (DESIGN §8).
 */
class NoSecretsInLogsTest {
    static final char[] STORE_PASSWORD = "store password 2026".toCharArray();

    @TempDir
    Path dir;

    @Test
    void keysComponentsAndPins_areInNoFileTheToolWrites() {
        SecureRandom random = new SecureRandom();
        List<String> secrets = new ArrayList<>();
        List<String> pins = List.of("975318", "864202");
        Path data = dir.resolve("data");
        Path storePath = dir.resolve("issuer.bcfks");
        RecordingRegistry server = new RecordingRegistry();
        try (Fixture f = new Fixture(data)) {
            KeyStoreKeySet store = f.tool.keyStores().create(f.supervisor, storePath, STORE_PASSWORD.clone());
            for (String keyId : KeyIds.masterAndTransport()) {
                byte[] c1 = new byte[16];
                byte[] c2 = new byte[16];
                random.nextBytes(c1);
                random.nextBytes(c2);
                byte[] key = new byte[16];
                for (int i = 0; i < 16; i++) {
                    key[i] = (byte) (c1[i] ^ c2[i]);
                }
                secrets.add(HexFormat.of().formatHex(c1));
                secrets.add(HexFormat.of().formatHex(c2));
                secrets.add(HexFormat.of().formatHex(key));
                KeyCeremony.Custodians custodians = new KeyCeremony.Custodians() {
                    int n;

                    @Override
                    public KeyCeremony.Entry component(String id, int index, int total) {
                        byte[] c = n++ == 0 ? c1 : c2;
                        return new KeyCeremony.Entry(
                                index == 1 ? "cust1" : "cust2",
                                Fixture.PASSWORD.clone(),
                                HexFormat.of().formatHex(c).toCharArray(),
                                CardCrypto.keyCheckValue(c));
                    }

                    @Override
                    public void refused(int index, String reason) {
                        throw new AssertionError(reason);
                    }

                    @Override
                    public void accepted(int index, String custodian, String kcv) {}
                };
                f.tool.keyCeremony()
                        .run(
                                f.supervisor,
                                store,
                                storePath,
                                keyId,
                                2,
                                custodians,
                                CardCrypto.keyCheckValue(key),
                                false);
            }
            KeySet keys = f.tool.keyStores().open(f.operator, storePath.toString(), STORE_PASSWORD.clone());
            assertThat(keys.isDemo()).isFalse();

            Pipeline.verified(f, dir, 700, 2);
            ProductionService.Batch b = f.tool.production().create(f.operator, 2, keys.name());
            SimulatorCardSource cards =
                    SimulatorCardSource.citizenCards("secrets-" + System.nanoTime(), keys.key("TK"));
            ProductionService.Summary s = f.tool.production()
                    .run(f.operator, b.id(), keys, cards, ProgressListener.quiet(), server, "990000000001");
            assertThat(s.complete()).isTrue();
            SimulatedCard card = (SimulatedCard) cards.finished().get(0);
            String asn = server.cards.keySet().iterator().next();
            CardRecord r = f.tool.status().lookup(asn).get(0).card();

            CardLife life = new CardLife(f.tool, server);
            CardRecord rec = r;
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                            life.cards().distribute(f.clerk, rec.asn(), rec.citizenId(), card::transmit, keys, null))
                    .hasMessageContaining("its initial PIN is unknown");
            life.cards()
                    .distribute(
                            f.clerk,
                            r.asn(),
                            r.citizenId(),
                            card::transmit,
                            keys,
                            pins.get(0).toCharArray());
            life.cards().activate(f.clerk, r.asn());
            life.cards()
                    .resetPin(
                            f.clerk,
                            r.asn(),
                            r.citizenId(),
                            card::transmit,
                            keys,
                            pins.get(1).toCharArray());
            CardCommands cmd = new CardCommands(Dictionary.standard());
            card.transmit(cmd.select(Dictionary.standard().application("purse").aidBytes())
                    .bytes());
            byte[] v = card.transmit(cmd.build("verify", null, null, CardCrypto.pinBcd(pins.get(1)), null)
                    .bytes());
            assertThat(v).endsWith((byte) 0x90, (byte) 0);

            // the card made with the key store works with the same store's keys on the host side
            HostTerminal host = new HostTerminal(keys, "310100000042");
            assertThat(host.load(card::transmit, r.asn(), 1_000)).isEqualTo(1_000);
        }
        List<Path> scanned = LogScan.assertNoSecrets(data, secrets, pins);
        assertThat(scanned).extracting(p -> p.getFileName().toString()).contains("audit.log", "derby.log", "log1.dat");
        LogScan.assertNoSecrets(storePath, secrets, pins); // the key store holds its keys encrypted only
    }
}
