package org.citycard.issuance.support;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.citycard.dictionary.Dictionary;
import org.citycard.dictionary.format.FixedWidthCodec;
import org.citycard.dictionary.validate.CitizenId;
import org.citycard.issuance.enrolment.Applicant;

/** Test citizens: valid GB 11643 ID numbers, photographs, registry lines. */
public final class People {
    private People() {}

    /** A valid ID number: region, birth date, a sequence whose last digit gives the sex, the check character. */
    public static String id(String region, LocalDate birth, int sequence, boolean male) {
        int seq = sequence * 2 % 1000 + (male ? 1 : 0);
        String first17 = region + birth.format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%03d", seq % 1000);
        return first17 + CitizenId.checkCharacter(first17);
    }

    /** The n-th test person of Shanghai's Huangpu district (310101), born on a date derived from n. */
    public static String id(int n) {
        LocalDate birth = LocalDate.of(1950, 1, 1).plusDays(n * 37L % 20000);
        return id("310101", birth, n % 499, n % 2 == 0);
    }

    public static String sex(String id) {
        return CitizenId.parse(id).sex();
    }

    public static String birth(String id) {
        return id.substring(6, 14);
    }

    /** A JPEG photograph of a few kilobytes (noise compresses badly, so it is above the 1,024-byte minimum). */
    public static byte[] jpeg(long seed) {
        return image(seed, "jpg", 96, 112);
    }

    public static byte[] png(long seed) {
        return image(seed, "png", 48, 56);
    }

    private static byte[] image(long seed, String format, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Path photoFile(Path dir, String name, byte[] data) {
        try {
            Files.createDirectories(dir);
            return Files.write(dir.resolve(name), data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete, valid applicant with its own photograph. */
    public static Applicant applicant(Path dir, String id, String name) {
        Path photo = photoFile(dir, id + ".jpg", jpeg(id.hashCode()));
        return new Applicant(id, name, sex(id), "01", birth(id), null, null, null, null, null, null, photo);
    }

    /** A registry line for a person, as the public-security file has it. */
    public static String registryLine(String id, String name, String sex, String birth, String status) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("citizen_id", id);
        v.put("name", name);
        v.put("sex", sex);
        v.put("birth_date", birth);
        v.put("ethnicity", "01");
        v.put("region", id.substring(0, 6));
        v.put("status", status);
        return new FixedWidthCodec(Dictionary.standard(), "population_registry").format("P", v);
    }

    public static String registryLine(String id, String name) {
        return registryLine(id, name, sex(id), birth(id), "1");
    }

    /** Chinese test names: 张 + a generated given name. */
    public static String name(int n) {
        String given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英";
        return "张" + given.charAt(n % given.length()) + given.charAt((n / given.length()) % given.length());
    }
}
