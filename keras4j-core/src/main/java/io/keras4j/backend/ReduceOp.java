package io.keras4j.backend;

/** Reductions over a contiguous block of axes. */
public enum ReduceOp { SUM, MAX, MIN }
