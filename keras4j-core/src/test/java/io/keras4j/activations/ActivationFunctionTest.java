package io.keras4j.activations;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActivationFunctionTest {
    @Test void lambdaIsAnActivationNamedLikeAPythonLambda() {
        ActivationFunction twice = x -> Ops.multiply(x, 2);
        assertEquals(6.0, twice.apply(Tensor.of(new double[] {3})).item());
        assertEquals("<lambda>", twice.name());
    }

    @Test void namedKeepsTheFunctionAndGivesItAName() {
        ActivationFunction f = ActivationFunction.named("my_act", x -> Ops.add(x, 1.0));
        assertEquals("my_act", f.name());
        assertEquals(4.0, f.apply(Tensor.of(new double[] {3})).item());
        assertEquals("<function my_act>", f.toString());
        assertThrows(NullPointerException.class, () -> ActivationFunction.named(null, x -> x));
    }
}
