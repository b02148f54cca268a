package io.keras4j.callbacks;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Expected strings are what CPython 3 prints for the same format calls (documented examples where there are). */
class PythonFormatTest {
    private static String f(Object v, String spec) { return PythonFormat.formatValue(v, spec); }

    @Test void integerFields() {
        assertEquals("05", f(5, "02d"));
        assertEquals("123", f(123, "02d"));
        assertEquals("7", f(7, ""));
        assertEquals("1,234,567", f(1234567, ","));
        assertEquals("+42", f(42, "+d"));
        assertEquals("-0042", f(-42, "05d"));
        assertEquals("  42", f(42, ">4"));
        assertEquals("42  ", f(42, "<4"));
        assertEquals("**42**", f(42, "*^6"));
    }

    @Test void fixedPointRoundsTheBinaryValueHalfEven() {
        // Python docs, "Floating Point Arithmetic": round(2.675, 2) gives 2.67, as does '{:.2f}'.
        assertEquals("2.67", f(2.675, ".2f"));
        assertEquals("0.12", f(0.125, ".2f")); // exact tie: half-even
        assertEquals("0.38", f(0.375 + 1e-12, ".2f"));
        assertEquals("0", f(0.5, ".0f"));
        assertEquals("2", f(1.5, ".0f"));
        assertEquals("3.141593", f(Math.PI, "f"));
        assertEquals("-1.50", f(-1.5, ".2f"));
        assertEquals("   3.142", f(Math.PI, "8.3f"));
        assertEquals("1,234.50", f(1234.5, ",.2f"));
        assertEquals("25.6%", f(0.256, ".1%"));
        assertEquals("inf", f(Double.POSITIVE_INFINITY, ".2f"));
        assertEquals("nan", f(Double.NaN, ".2f"));
    }

    @Test void exponentAndGeneralForms() {
        assertEquals("1.234568e+04", f(12345.6789, "e"));
        assertEquals("1.23E-05", f(0.0000123, ".2E"));
        assertEquals("1.234e-05", f(0.00001234, "g"));
        assertEquals("100000", f(100000.0, "g"));
        assertEquals("1e+06", f(1000000.0, "g"));
        assertEquals("1.23e+06", f(1234567.0, ".3g"));
        assertEquals("3.14", f(Math.PI, ".3"));
        assertEquals("1e+02", f(100.0, ".2"));
        assertEquals("0.0001", f(0.0001, "g"));
    }

    @Test void strOfAFloatIsPythonsRepr() {
        assertEquals("0.1", PythonFormat.repr(0.1));
        assertEquals("1e-05", PythonFormat.repr(1e-5));
        assertEquals("0.0001", PythonFormat.repr(1e-4));
        assertEquals("1e+16", PythonFormat.repr(1e16));
        assertEquals("1234567890123456.0", PythonFormat.repr(1234567890123456.0));
        assertEquals("2.0", PythonFormat.repr(2));
        assertEquals("-0.5", PythonFormat.repr(-0.5));
        assertEquals("0.30000000000000004", PythonFormat.repr(0.1 + 0.2));
        assertEquals("1.5e-07", PythonFormat.repr(1.5e-7));
        assertEquals("nan", PythonFormat.repr(Double.NaN));
        assertEquals("0.30000000000000004", f(0.1 + 0.2, ""));
    }

    @Test void templatesAsKerasFillsThem() {
        assertEquals("model-03-0.12.keras", PythonFormat.format("model-{epoch:02d}-{val_loss:.2f}.keras", Map.of("epoch", 3, "val_loss", 0.1234)));
        assertEquals("w{1}.h5", PythonFormat.format("w{{{epoch}}}.h5", Map.of("epoch", 1)));
        PythonFormat.MissingKey e = assertThrows(PythonFormat.MissingKey.class, () -> PythonFormat.format("{acc}", Map.of("epoch", 1)));
        assertEquals("'acc'", e.getMessage());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> f(0.5, "02d"));
        assertEquals("Unknown format code 'd' for object of type 'float'", d.getMessage());
    }
}
