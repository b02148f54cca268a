package io.keras4j.tensor;

import java.util.Locale;

/**
 * Element types, named as Keras names them. Storage: float[], double[], int[], long[], and
 * String[] for {@code string} (the text that StringLookup, Hashing and TextVectorization take; the
 * numeric ops refuse it, layout ops such as slicing and gathering batches move it).
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8),
    INT32("int32", 4),
    INT64("int64", 8),
    /** Text, one Java String per element; byteSize is that of a reference. */
    STRING("string", 8);

    private final String kerasName;
    private final int byteSize;

    DType(String kerasName, int byteSize) {
        this.kerasName = kerasName;
        this.byteSize = byteSize;
    }

    public String kerasName() { return kerasName; }

    public int byteSize() { return byteSize; }

    public boolean isFloating() { return this == FLOAT32 || this == FLOAT64; }

    /** Whether the numeric ops take it (every dtype but string). */
    public boolean isNumeric() { return this != STRING; }

    /** The numeric dtypes, in declaration order (for code that loops over what arithmetic takes). */
    public static DType[] numericValues() { return new DType[] {FLOAT32, FLOAT64, INT32, INT64}; }

    /** Parses a Keras dtype string ("float32", "int64", ...). */
    public static DType of(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (DType d : values()) if (d.kerasName.equals(n)) return d;
        if (n.equals("float")) return FLOAT32;
        if (n.equals("double")) return FLOAT64;
        if (n.equals("int")) return INT32;
        throw new IllegalArgumentException("Invalid dtype: " + name + ". Expected one of float32, float64, int32, int64, string.");
    }

    /** Allocates a zeroed storage array of this type. */
    public Object allocate(int size) {
        return switch (this) {
            case FLOAT32 -> new float[size];
            case FLOAT64 -> new double[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
            case STRING -> emptyStrings(size);
        };
    }

    private static String[] emptyStrings(int size) {
        String[] s = new String[size];
        java.util.Arrays.fill(s, "");
        return s;
    }

    /** The dtype of a storage array. */
    public static DType ofStorage(Object data) {
        if (data instanceof float[]) return FLOAT32;
        if (data instanceof double[]) return FLOAT64;
        if (data instanceof int[]) return INT32;
        if (data instanceof long[]) return INT64;
        if (data instanceof String[]) return STRING;
        throw new IllegalArgumentException("Unsupported storage: " + (data == null ? "null" : data.getClass().getSimpleName()));
    }

    @Override public String toString() { return kerasName; }
}
