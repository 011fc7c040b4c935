package dev.openpsi.testkit.infra;

/** A stand-in server main class for ParentWatch: does nothing for five minutes. */
public final class SleepMain {

    private SleepMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(300_000);
    }
}
