package io.keras4j.backend;

/** Elementwise functions of one argument that every backend implements. */
public enum UnaryOp {
    NEG, EXP, LOG, SQRT, ABS, SIGN, TANH, SIGMOID, RELU, SIN, COS, LOG1P, EXPM1, ERF, SQUARE, FLOOR, CEIL, ROUND, RECIPROCAL
}
