package io.keras4j.backend;

/** Elementwise functions of two broadcast arguments. Comparisons give 1 or 0 in the operands' dtype. */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAX, MIN, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL;

    public boolean isComparison() { return ordinal() >= GREATER.ordinal(); }
}
