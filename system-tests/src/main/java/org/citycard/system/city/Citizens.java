package org.citycard.system.city;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.citycard.dictionary.validate.CitizenId;

/**
 * The people of the demo city: valid GB 11643 ID numbers of Shanghai's districts (birth date and sex inside the
 * number), Chinese names, a passport photograph each. Made from a seed, so a demo run can be repeated exactly.
 */
public final class Citizens {
    private static final String[] DISTRICTS = {"310101", "310104", "310105", "310106", "310107", "310109", "310110"};
    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国平红玲刚桂兰志宇浩然晨曦子涵雨欣嘉怡";

    /** One person as the population registry and the enrolment form know them. */
    public record Person(String citizenId, String name, String sex, String birthDate, String ethnicity, String region) {
        public String masked() {
            return CitizenId.mask(citizenId);
        }

        @Override
        public String toString() {
            return "Person[" + masked() + "]";
        }
    }

    private Citizens() {}

    /** {@code n} different people. */
    public static List<Person> make(int n, long seed) {
        Random r = new Random(seed);
        List<Person> out = new ArrayList<>(n);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (out.size() < n) {
            LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(r.nextInt(365 * 65));
            String region = DISTRICTS[r.nextInt(DISTRICTS.length)];
            String first17 =
                    region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", 1 + r.nextInt(999));
            String id = first17 + CitizenId.checkCharacter(first17);
            if (!ids.add(id)) {
                continue;
            }
            String name = "" + SURNAMES.charAt(r.nextInt(SURNAMES.length()))
                    + GIVEN.charAt(r.nextInt(GIVEN.length()))
                    + (r.nextBoolean() ? "" + GIVEN.charAt(r.nextInt(GIVEN.length())) : "");
            out.add(new Person(
                    id, name, CitizenId.parse(id).sex(), birth.format(DateTimeFormatter.BASIC_ISO_DATE), "01", region));
        }
        return out;
    }

    /** A small JPEG portrait, different for every seed (the comparison flags two people with the same photo). */
    public static byte[] photo(long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(90, 110, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(200 + r.nextInt(55), 200 + r.nextInt(55), 220 + r.nextInt(35)));
        g.fillRect(0, 0, 90, 110);
        g.setColor(new Color(r.nextInt(120), r.nextInt(120), r.nextInt(120)));
        g.fillOval(25 + r.nextInt(6), 15 + r.nextInt(6), 40, 50);
        g.fillRect(15, 75, 60, 35);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
