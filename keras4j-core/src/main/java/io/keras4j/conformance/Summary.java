package io.keras4j.conformance;

import java.util.List;

/**
 * What a run of a conformance directory found: every case's result in the order run, and the
 * Keras major version (2 or 3) whose semantics the set was judged to need.
 */
public record Summary(List<CaseResult> results, int kerasVersion) {

    public Summary {
        results = List.copyOf(results);
    }

    public long passed() { return count(CaseResult.Status.PASSED); }

    public long failed() { return count(CaseResult.Status.FAILED); }

    public long skipped() { return count(CaseResult.Status.SKIPPED); }

    /** The result of the case with this id, or null when there is none. */
    public CaseResult result(String id) {
        for (CaseResult r : results) if (r.id().equals(id)) return r;
        return null;
    }

    private long count(CaseResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    /** The runner's last line: {@code N passed, M failed, K skipped}. */
    @Override public String toString() { return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped"; }
}
