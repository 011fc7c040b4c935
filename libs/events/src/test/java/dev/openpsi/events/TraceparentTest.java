package dev.openpsi.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceparentTest {

    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void parsesTheW3cExample() {
        Traceparent tp = Traceparent.parse(VALID);

        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", tp.traceId());
        assertEquals("00f067aa0ba902b7", tp.parentId());
        assertEquals("01", tp.flags());
        assertTrue(tp.sampled());
        assertEquals(VALID, tp.value());
    }

    @Test
    void acceptsAFutureVersionByItsFirstFourFieldsAndWritesVersion00() {
        Traceparent tp = Traceparent.parse("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra");

        assertEquals(VALID.replace("-01", "-00"), tp.value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
            "00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01"})
    void rejectsMalformedValues(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Traceparent.parse(value));
        assertTrue(e.getMessage().contains("trace") || e.getMessage().contains("parent"), e.getMessage());
    }

    @Test
    void newRootIsValidAndChildKeepsTheTraceWithANewParent() {
        Traceparent root = Traceparent.newRoot();
        Traceparent child = root.child();

        assertTrue(Traceparent.isValid(root.value()));
        assertTrue(root.sampled());
        assertEquals(root.traceId(), child.traceId());
        assertEquals(root.flags(), child.flags());
        assertNotEquals(root.parentId(), child.parentId());
        assertNotEquals(root.traceId(), Traceparent.newRoot().traceId());
    }
}
