package org.citycard.issuance.desk;

import static org.citycard.issuance.desk.DeskApi.m;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.IssuanceTool;
import org.citycard.issuance.enrolment.Citizen;
import org.citycard.issuance.workflow.CardRecord;
import org.citycard.issuance.workflow.CardState;

/**
 * How the desk shows what several routes answer with: a code with its dictionary labels, a card as the counter and
 * the citizen's page list it (masked ID and name), a stored photograph as a data URL, a time as the page prints it.
 */
final class DeskViews {
    static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private final IssuanceTool tool;
    private final Dictionary dict;

    DeskViews(IssuanceTool tool) {
        this.tool = tool;
        this.dict = tool.dictionary();
    }

    /** The code followed by its Chinese and English labels from the code table; the bare code when unknown. */
    String label(String table, String code) {
        return dict.codeTable(table)
                .find(code)
                .map(c -> c.code() + " " + c.zh() + " " + c.en())
                .orElse(code);
    }

    Map<String, Object> card(CardRecord c) {
        String name =
                tool.enrolment().citizen(c.citizenId()).map(Citizen::maskedName).orElse("");
        return m(
                "application", c.id(),
                "asn", c.asn(),
                "cardNumber", c.cardNumber(),
                "holder", name,
                "citizenId", CitizenId.mask(c.citizenId()),
                "state", c.state().label(),
                "stateCode", c.state().code(),
                "expiryDate", c.expiryDate() == null ? null : c.expiryDate().toString(),
                "next", c.state().next().stream().map(CardState::label).toList());
    }

    /** The stored photograph of a citizen as the page shows it, null when there is none. */
    String photo(String citizenId) {
        byte[] photo = tool.enrolment().storedPhoto(citizenId);
        return photo == null ? null : dataUrl(photo);
    }

    private static String dataUrl(byte[] photo) {
        String type = photo.length > 2 && (photo[0] & 0xFF) == 0xFF ? "image/jpeg" : "image/png";
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(photo);
    }
}
