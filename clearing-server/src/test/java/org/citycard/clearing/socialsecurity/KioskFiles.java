package org.citycard.clearing.socialsecurity;

/** An exchange file with two contributions and two medical-account movements of a citizen (for HTTP tests). */
public final class KioskFiles {
    private KioskFiles() {}

    public static String citizen(int sequence) {
        return ExchangeFiles.citizen(sequence);
    }

    public static byte[] file(String citizen) {
        return new ExchangeFiles()
                .header("20310101")
                .contribution(citizen, "203012", "110", 600_000, 96_000, 48_000)
                .contribution(citizen, "203012", "310", 600_000, 36_000, 12_000)
                .movement(citizen, "20301201", "I", 12_000, 12_000, "个人账户划入")
                .movement(citizen, "20301215", "O", 3_000, 9_000, "药店购药")
                .trailer()
                .bytes();
    }
}
