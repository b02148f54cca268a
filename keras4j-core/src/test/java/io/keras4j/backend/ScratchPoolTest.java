package io.keras4j.backend;

import io.keras4j.tensor.DType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ScratchPoolTest {
    @Test void arraysComeBackAfterTheScopeCloses() {
        Object first;
        try (ScratchPool.Scope s = ScratchPool.open()) {
            first = ScratchPool.allocate(DType.FLOAT32, 4096);
            assertNotSame(first, ScratchPool.allocate(DType.FLOAT32, 4096), "no array is lent twice in one scope");
        }
        try (ScratchPool.Scope s = ScratchPool.open()) {
            Object a = ScratchPool.allocate(DType.FLOAT32, 4096);
            Object b = ScratchPool.allocate(DType.FLOAT32, 4096);
            assertTrue(a == first || b == first, "the next step reuses the previous step's arrays");
            assertNotSame(a, ScratchPool.allocate(DType.FLOAT64, 4096), "types are pooled apart");
        }
    }

    @Test void outsideAScopeNothingIsPooled() {
        Object a = ScratchPool.allocate(DType.FLOAT32, 4096);
        Object b = ScratchPool.allocate(DType.FLOAT32, 4096);
        assertNotSame(a, b);
        assertEquals(4096, ((float[]) a).length);
    }

    @Test void nestedScopesJoinTheOutermost() {
        Object inner;
        try (ScratchPool.Scope outer = ScratchPool.open()) {
            try (ScratchPool.Scope s = ScratchPool.open()) {
                inner = ScratchPool.allocate(DType.FLOAT32, 2048);
            }
            assertNotSame(inner, ScratchPool.allocate(DType.FLOAT32, 2048), "still lent until the outer scope closes");
        }
    }
}
