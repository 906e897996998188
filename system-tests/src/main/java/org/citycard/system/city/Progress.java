package org.citycard.system.city;

/** What the day tells whoever watches it: the console of {@code ./citycard demo}, or nothing in a test. */
public interface Progress {
    /** A phase begins: {@code [n/of] title}. */
    void phase(int n, int of, String title);

    /** A line about the current phase. */
    void detail(String line);

    /** A bar for {@code total} steps of a long phase. */
    Bar bar(String task, long total);

    /** A progress bar. */
    interface Bar extends AutoCloseable {
        void step();

        @Override
        void close();
    }

    Progress QUIET = new Progress() {
        @Override
        public void phase(int n, int of, String title) {}

        @Override
        public void detail(String line) {}

        @Override
        public Bar bar(String task, long total) {
            return new Bar() {
                @Override
                public void step() {}

                @Override
                public void close() {}
            };
        }
    };
}
