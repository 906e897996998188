package org.citycard.issuance.enrolment;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.store.Database;

/** A citizen as enrolled (the photograph is left in the database). */
public record Citizen(
        String citizenId,
        String name,
        String sex,
        String ethnicity,
        LocalDate birthDate,
        String birthplace,
        String address,
        String phone,
        String education,
        String photoSha256) {

    public static Optional<Citizen> find(Connection c, String citizenId) throws SQLException {
        return Database.first(c, "SELECT * FROM citizen WHERE citizen_id = ?", Citizen::map, citizenId);
    }

    static Citizen map(ResultSet rs) throws SQLException {
        return new Citizen(
                rs.getString("citizen_id"),
                rs.getString("name"),
                rs.getString("sex"),
                rs.getString("ethnicity"),
                rs.getDate("birth_date").toLocalDate(),
                rs.getString("birthplace"),
                rs.getString("address"),
                rs.getString("phone"),
                rs.getString("education"),
                rs.getString("photo_sha256"));
    }

    /** The name shown to staff in lists: first character and a mask, e.g. 张** . */
    public String maskedName() {
        return name.isEmpty()
                ? ""
                : name.substring(0, name.offsetByCodePoints(0, 1))
                        + "*".repeat(Math.max(1, name.codePointCount(0, name.length()) - 1));
    }

    /** Never the full ID number. */
    @Override
    public String toString() {
        return "Citizen[" + CitizenId.mask(citizenId) + "]";
    }
}
