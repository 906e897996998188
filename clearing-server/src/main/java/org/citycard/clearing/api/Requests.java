package org.citycard.clearing.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** JSON bodies the API accepts. Values are checked against the dictionary by the services. */
final class Requests {
    private Requests() {}

    @Schema(description = "A department that accepts the card")
    record DepartmentBody(
            @Schema(description = "department_code: 4 digits", example = "0101") String code,
            @Schema(description = "department_name: GB 18030, at most 60 bytes", example = "市公交集团") String name,
            @Schema(description = "department_category: code of table department-category", example = "01")
                    String category,
            @Schema(description = "bank_code: CNAPS, 12 digits", example = "102100099996") String bankCode,
            @Schema(description = "account_number: 8..32 characters", example = "6222020200112233")
                    String accountNumber,
            @Schema(description = "account_name: GB 18030, at most 60 bytes", example = "市公交集团有限公司") String accountName,
            @Schema(description = "fee_rate_bp: fee in basis points, 0..10000", example = "30") Integer feeRateBp) {}

    @Schema(description = "A terminal (kiosk, counter, load machine)")
    record TerminalBody(
            @Schema(description = "terminal_id: 12 digits", example = "123456789012") String terminalId,
            @Schema(description = "the registered department it belongs to", example = "0101") String departmentCode,
            @Schema(description = "psam_serial: 20 digits", example = "31000000000000000001") String psamSerial,
            @Schema(description = "whether it may sign on", example = "true") Boolean active,
            @Schema(
                            description = "code of table terminal-type: 01 counter, 02 self-service load machine,"
                                    + " 03 kiosk, 04 department terminal (what it may send)",
                            example = "03")
                    String terminalType) {}

    @Schema(description = "A card reported by issuance")
    record CardBody(
            @Schema(description = "asn: 20 digits", example = "31000000000000012345") String asn,
            @Schema(description = "card_state: code of table card-state (default 60 active)", example = "60")
                    String state,
            @Schema(description = "expiry_date YYYYMMDD, optional", example = "20361231") String expiryDate,
            @Schema(description = "the offline counter of the card's first purchase (default 0)", example = "0")
                    Integer firstOfflineSeq,
            @Schema(
                            description = "citizen_id of the holder, optional: the kiosk's social-security queries"
                                    + " check that a presented card belongs to the citizen",
                            example = "11010519491231002X")
                    String holderId,
            @Schema(
                            description = "algorithm_id of the card's keys, fixed at personalisation: 00 3DES"
                                    + " (default) or 04 SM4; the server verifies the card's MACs and TACs with it",
                            example = "00")
                    String algorithm,
            @Schema(
                            description = "the deposit (押金) taken at issue, fen, optional: 1..100000, 0 or absent"
                                    + " for none; held as a liability until the card is returned",
                            example = "2000")
                    Long deposit,
            @Schema(
                            description = "key_version of the card's keys (issue 22), 1..255: a version the server"
                                    + " holds and has not retired; absent: 1 (the cards of before key versions)",
                            example = "1")
                    Integer keyVersion) {}

    @Schema(description = "The key version a counter re-keyed a card to (issue 22)")
    record KeyVersionBody(
            @Schema(description = "key_version, 1..255, active at the server", example = "2") Integer keyVersion) {}

    @Schema(description = "Why a key version is retired (optional, at most 200 characters)")
    record RetireBody(
            @Schema(description = "free text", example = "MPK of version 01 suspected leaked") String reason) {}

    @Schema(description = "The deposit (押金) taken for a card already registered")
    record DepositBody(@Schema(description = "fen, 1..100000", example = "2000") Long amount) {}

    @Schema(description = "A bank the clearing centre pays through")
    record BankBody(
            @Schema(description = "bank_code: CNAPS, 12 digits", example = "102100099996") String bankCode,
            @Schema(description = "bank_name: GB 18030, at most 60 bytes", example = "中国工商银行") String name,
            @Schema(description = "bank_bic: 11 characters", example = "ICBKCNBJXXX") String bic,
            @Schema(description = "the clearing centre's account at this bank", example = "0200001009000012345")
                    String settlementAccount,
            @Schema(description = "account_name of that account", example = "城市一卡通清算中心") String settlementAccountName,
            @Schema(
                            description = "which signatures the manifests of this bank's files carry: ED25519, SM2"
                                    + " (SM3withSM2) or ED25519,SM2; omitted: ED25519 for a new bank, unchanged"
                                    + " for an existing one",
                            example = "ED25519,SM2")
                    String manifestSignatures) {}

    @Schema(description = "The holder's bank account for the refund of a cancelled card")
    record RefundBody(
            @Schema(description = "bank_code: CNAPS, 12 digits", example = "105100000017") String bankCode,
            @Schema(description = "account_number: 8..32 characters", example = "6217000010001234567")
                    String accountNumber,
            @Schema(description = "account_name: GB 18030, at most 60 bytes", example = "张三") String accountName) {}

    @Schema(description = "The card that replaces this one")
    record ReplacementBody(
            @Schema(description = "asn of the new card", example = "31000000000000012346") String newAsn) {}

    record CardStateBody(@Schema(description = "card_state: the new state", example = "70") String state) {}

    record HotlistBody(
            @Schema(description = "asn: 20 digits", example = "31000000000000012345") String asn,
            @Schema(description = "why, 1..80 characters", example = "reported lost") String reason) {}

    record StaffUserBody(
            @Schema(description = "3..40 letters, digits, . _ -", example = "clerk1") String username,
            @Schema(description = "10..72 characters; stored only as a BCrypt hash; the user must change it first")
                    String password,
            @Schema(description = "ADMIN, STAFF and/or CARD_CENTRE", example = "[\"STAFF\"]") List<String> roles) {}
}
