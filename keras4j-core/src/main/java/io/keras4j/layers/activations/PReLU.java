package io.keras4j.layers.activations;

import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code PReLU}: x for x >= 0, {@code alpha * x} below, with a learned {@code alpha} of the
 * input's shape (without batch); {@code sharedAxes} (1-based, as Keras) share one alpha along those axes.
 */
public final class PReLU extends Layer {
    private Initializer alphaInitializer = Initializers.get("zeros");
    private Regularizer alphaRegularizer;
    private Constraint alphaConstraint;
    private int[] sharedAxes;
    private Variable alpha;

    public PReLU() {}

    public PReLU alphaInitializer(String name) { return alphaInitializer(Initializers.get(name)); }

    public PReLU alphaInitializer(Initializer value) {
        if (value == null) throw new IllegalArgumentException("Argument `alpha_initializer` must not be None");
        this.alphaInitializer = value;
        return this;
    }

    public PReLU alphaRegularizer(String name) { return alphaRegularizer(Regularizers.get(name)); }

    /** Penalises alpha: {@code regularizer(alpha)} joins the layer's losses. */
    public PReLU alphaRegularizer(Regularizer value) {
        checkNotBuilt();
        this.alphaRegularizer = value;
        return this;
    }

    public PReLU alphaConstraint(String name) { return alphaConstraint(Constraints.get(name)); }

    /** Projects alpha after each optimizer update. */
    public PReLU alphaConstraint(Constraint value) {
        checkNotBuilt();
        this.alphaConstraint = value;
        return this;
    }

    public Regularizer alphaRegularizer() { return alphaRegularizer; }

    public Constraint alphaConstraint() { return alphaConstraint; }

    public PReLU sharedAxes(int... axes) {
        this.sharedAxes = axes.clone();
        return this;
    }

    @Override public void build(Shape inputShape) {
        int[] param = inputShape.dropFirst().dims();
        Map<Integer, Integer> axes = new HashMap<>();
        if (sharedAxes != null) {
            for (int a : sharedAxes) {
                if (a < 1 || a >= inputShape.rank()) {
                    throw new IllegalArgumentException("Invalid value for argument `shared_axes`: axis " + a + " is out of range for input shape " + inputShape);
                }
                param[a - 1] = 1;
            }
            for (int i = 1; i < inputShape.rank(); i++) {
                boolean shared = false;
                for (int a : sharedAxes) shared |= a == i;
                if (!shared && inputShape.dim(i) != Shape.UNKNOWN) axes.put(i, inputShape.dim(i));
            }
        }
        for (int d : param) {
            if (d == Shape.UNKNOWN) throw new IllegalArgumentException("PReLU needs every non-shared input dimension to be known to create `alpha`. Received: input_shape=" + inputShape);
        }
        alpha = addWeight("alpha", Shape.of(param), alphaInitializer, true, alphaRegularizer, alphaConstraint);
        inputSpec = new InputSpec(inputShape.rank(), null, axes);
    }

    /** From a Keras config: {@code alpha_initializer}, {@code alpha_regularizer}, {@code alpha_constraint}, {@code shared_axes} (an int or a list). */
    public static PReLU fromConfig(Layers.Config c) {
        PReLU l = new PReLU();
        if (c.raw("alpha_initializer") != null) l.alphaInitializer(c.initializer("alpha_initializer"));
        l.alphaRegularizer(c.regularizer("alpha_regularizer"));
        l.alphaConstraint(c.constraint("alpha_constraint"));
        if (c.raw("shared_axes") != null) {
            Object axes = c.integerOrInts("shared_axes", 0);
            l.sharedAxes(axes instanceof int[] a ? a : new int[] {(Integer) axes});
        }
        return l;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor pos = Ops.relu(inputs);
        Tensor neg = Ops.multiply(Ops.negative(alpha.value()), Ops.relu(Ops.negative(inputs)));
        return Ops.add(pos, neg);
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("alpha_initializer", Initializers.serialize(alphaInitializer));
        c.put("alpha_regularizer", Regularizers.serialize(alphaRegularizer));
        c.put("alpha_constraint", Constraints.serialize(alphaConstraint));
        List<Object> shared = null;
        if (sharedAxes != null) {
            shared = new ArrayList<>();
            for (int a : sharedAxes) shared.add(a);
        }
        c.put("shared_axes", shared);
        return c;
    }
}
