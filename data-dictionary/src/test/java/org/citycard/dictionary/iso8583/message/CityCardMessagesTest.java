package org.citycard.dictionary.iso8583.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.citycard.dictionary.codec.Hex;
import org.citycard.dictionary.iso8583.Iso8583Packagers;
import org.citycard.dictionary.record.LoadAuthorisationAnswer;
import org.citycard.dictionary.record.UploadResults;
import org.citycard.dictionary.record.VersionInfo;
import org.citycard.dictionary.wire.NetworkCode;
import org.citycard.dictionary.wire.ResponseCode;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.packager.GenericPackager;
import org.junit.jupiter.api.Test;

class CityCardMessagesTest {
    private static final String TERMINAL = "123456789012";
    private final GenericPackager packager = Iso8583Packagers.create();

    private final LoadFields load =
            new LoadFields("31000000000000012345", "600000", 10_000, "000123", "090000", "20261121", TERMINAL, "0101");

    /** Packs with the dictionary's packager and unpacks again, as the other side sees it. */
    private ISOMsg overTheWire(CityCardMessage message) throws Exception {
        ISOMsg m = message.toIso();
        m.setPackager(packager);
        m.set(message.mti().compareTo("0800") >= 0 || m.hasField(90) ? 128 : 64, new byte[8]);
        byte[] packed = m.pack();
        ISOMsg back = new ISOMsg();
        back.setPackager(packager);
        back.unpack(packed);
        assertThat(back.getMTI()).isEqualTo(message.mti());
        return back;
    }

    @Test
    void loadAuthorisation_requestAndAnswer_readBackAsWritten() throws Exception {
        byte[] init = Hex.parse("000003E80003000055667788F78FE483");
        LoadAuthorisationRequest read =
                LoadAuthorisationRequest.read(overTheWire(new LoadAuthorisationRequest(load, init)));
        assertThat(read.load()).isEqualTo(load);
        assertThat(read.initData()).isEqualTo(init);

        byte[] host = new LoadAuthorisationAnswer("01020304", "20261121", "090001").bytes();
        ISOMsg answer = overTheWire(
                LoadAuthorisationResponse.answering(read, ResponseCode.APPROVED, "000000000042", "A00042", host));
        assertThat(answer.getString(4)).isEqualTo("000000010000");
        assertThat(answer.getString(42).strip()).isEqualTo("0101");
        LoadAuthorisationResponse back = LoadAuthorisationResponse.read(answer);
        assertThat(back.approved()).isTrue();
        assertThat(back.rrn()).isEqualTo("000000000042");
        assertThat(back.host().transactionTime()).isEqualTo("090001");
    }

    @Test
    void reversal_namesTheOriginalAuthorisation_underItsOwnStan() throws Exception {
        LoadReversal read = LoadReversal.read(overTheWire(LoadReversal.of(load, "000124")));
        assertThat(read.load().stan()).isEqualTo("000124");
        assertThat(read.original().originalMti()).isEqualTo("0100");
        assertThat(read.original().originalStan()).isEqualTo("000123");
        assertThat(LoadReversalAnswer.read(overTheWire(LoadReversalAnswer.answering(read, ResponseCode.NO_ORIGINAL)))
                        .responseCode())
                .isEqualTo(ResponseCode.NO_ORIGINAL.code());
    }

    @Test
    void batchUpload_andItsResults_roundTrip() throws Exception {
        byte[] one = new byte[66];
        byte[] two = new byte[66];
        two[0] = 1;
        BatchUploadRequest read =
                BatchUploadRequest.read(overTheWire(BatchUploadRequest.of("000007", TERMINAL, 3, List.of(one, two))));
        assertThat(read.batchNumber()).isEqualTo("000003");
        assertThat(read.recordCount()).isEqualTo(2);
        assertThat(read.records()).hasSize(132);
        BatchUploadAnswer answer = BatchUploadAnswer.read(overTheWire(
                BatchUploadAnswer.answering(read, ResponseCode.APPROVED, new UploadResults(List.of("00", "94")))));
        assertThat(answer.stored()).isTrue();
        assertThat(answer.results().results()).containsExactly("00", "94");
    }

    @Test
    void networkAndReconciliation_roundTrip() throws Exception {
        NetworkRequest signOn =
                NetworkRequest.read(overTheWire(NetworkRequest.of("000001", TERMINAL, NetworkCode.SIGN_ON)));
        assertThat(signOn.code()).contains(NetworkCode.SIGN_ON);
        NetworkAnswer a = NetworkAnswer.read(overTheWire(
                NetworkAnswer.answering(signOn, ResponseCode.APPROVED, new VersionInfo("00000007", "00000003"))));
        assertThat(a.versions()).isEqualTo(new VersionInfo("00000007", "00000003"));

        ReconciliationRequest r = ReconciliationRequest.read(overTheWire(
                ReconciliationRequest.of("000002", "20261121", TERMINAL, 1, new Totals(1, 10_000, 2, 1_750))));
        assertThat(r.totals()).isEqualTo(new Totals(1, 10_000, 2, 1_750));
        ReconciliationAnswer ra = ReconciliationAnswer.read(overTheWire(ReconciliationAnswer.answering(
                r, ResponseCode.RECONCILIATION_MISMATCH, new Totals(1, 10_000, 3, 1_800))));
        assertThat(ra.agreed()).isFalse();
        assertThat(ra.host()).isEqualTo(new Totals(1, 10_000, 3, 1_800));
    }

    @Test
    void read_whenAFieldBreaksItsElementRule_namesFieldAndRule_notTheValue() throws Exception {
        ISOMsg m = new LoadAuthorisationRequest(load, new byte[16]).toIso();
        m.set(13, "20261131");
        assertThatThrownBy(() -> LoadAuthorisationRequest.read(m))
                .isInstanceOf(MessageFieldException.class)
                .hasMessageStartingWith("field 13: transaction_date")
                .hasMessageContaining("real calendar date")
                .hasMessageNotContaining("20261131");

        ISOMsg dept = new LoadAuthorisationRequest(load, new byte[16]).toIso();
        dept.set(42, "01A1");
        assertThatThrownBy(() -> LoadAuthorisationRequest.read(dept))
                .isInstanceOf(MessageFieldException.class)
                .hasMessageStartingWith("field 42: department_code");

        ISOMsg currency = new LoadAuthorisationRequest(load, new byte[16]).toIso();
        currency.set(49, "840");
        assertThatThrownBy(() -> LoadAuthorisationRequest.read(currency)).hasMessage("field 49: currency 156 (CNY)");
    }

    @Test
    void approvedAnswer_withoutHostData_isRefused() {
        ISOMsg m =
                new LoadAuthorisationResponse(load, ResponseCode.APPROVED.code(), "000000000042", null, null).toIso();
        assertThatThrownBy(() -> LoadAuthorisationResponse.read(m))
                .isInstanceOf(MessageFieldException.class)
                .hasMessageStartingWith("field 48:");
    }
}
