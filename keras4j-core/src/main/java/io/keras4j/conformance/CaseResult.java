package io.keras4j.conformance;

/** The outcome of one conformance case: its id, whether it passed, and why not. */
public record CaseResult(String id, Status status, String detail) {

    public enum Status { PASSED, FAILED, SKIPPED }

    public static CaseResult passed(String id) { return new CaseResult(id, Status.PASSED, null); }

    public static CaseResult failed(String id, String detail) { return new CaseResult(id, Status.FAILED, detail); }

    public static CaseResult skipped(String id, String reason) { return new CaseResult(id, Status.SKIPPED, reason); }

    /** The line the runner prints for a failed or skipped case; null for a passed one. */
    public String line() {
        return switch (status) {
            case PASSED -> null;
            case FAILED -> "FAILED " + id + ": " + detail;
            case SKIPPED -> "SKIPPED " + id + ": " + detail;
        };
    }
}
