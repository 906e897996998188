package org.citycard.issuance.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.citycard.issuance.enrolment.Applicant;

/** Brings test citizens through enrolment and comparison to VERIFIED, ready for production. */
public final class Pipeline {
    private Pipeline() {}

    /** Enrols people {@code first .. first+n-1}, imports them into the registry, compares: n verified applications. */
    public static List<Long> verified(Fixture f, Path dir, int first, int n) {
        List<String> lines = new ArrayList<>();
        List<Long> apps = new ArrayList<>();
        for (int i = first; i < first + n; i++) {
            String id = People.id(i);
            lines.add(People.registryLine(id, People.name(i)));
        }
        try {
            Path reg = dir.resolve("registry-" + first + ".txt");
            Files.write(reg, (String.join("\n", lines) + "\n").getBytes(Charset.forName("GB18030")));
            f.tool.registry().importFile(f.reviewer, reg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = first; i < first + n; i++) {
            String id = People.id(i);
            // each person needs their own photograph, or the comparison flags a shared one
            Path own = People.photoFile(dir, id + ".jpg", People.jpeg(i * 7919L));
            apps.add(f.tool.enrolment()
                    .enrol(
                            f.clerk,
                            new Applicant(
                                    id,
                                    People.name(i),
                                    People.sex(id),
                                    "01",
                                    People.birth(id),
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    i % 3 == 0 ? "310:1:20200101:310101" : null,
                                    own)));
        }
        for (long app : apps) {
            if (!f.tool.comparison().compare(f.clerk, app).passed()) {
                throw new IllegalStateException("test applicant " + app + " did not pass the comparison");
            }
        }
        return apps;
    }
}
