package org.citycard.applet.sim;

/**
 * One monitor for every card insertion and removal in the JVM's simulated readers: readers bump the version and
 * wake everyone waiting; each waiter re-checks the readers it watches.
 */
final class PresenceEvents {
    private static final Object MONITOR = new Object();
    private static long version;

    private PresenceEvents() {}

    static void changed() {
        synchronized (MONITOR) {
            version++;
            MONITOR.notifyAll();
        }
    }

    /** Waits until {@code condition} holds or the timeout passes (0 = no limit); true when it holds. */
    static boolean await(java.util.function.BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long deadline = timeoutMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutMillis;
        synchronized (MONITOR) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                MONITOR.wait(timeoutMillis == 0 ? 0 : left);
            }
            return true;
        }
    }
}
