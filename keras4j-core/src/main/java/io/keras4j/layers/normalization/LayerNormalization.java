package io.keras4j.layers.normalization;

import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Keras's {@code LayerNormalization}: each sample is normalised over {@code axis} (one axis or
 * several) with its own mean and biased variance, then scaled by {@code gamma} and shifted by
 * {@code beta}, both shaped like the normalised axes. {@code rmsScaling(true)} is Keras's
 * deprecated variant: {@code x / sqrt(var + epsilon) * gamma}, with no centring and no beta.
 */
public final class LayerNormalization extends Layer {
    private int[] axis = {-1};
    private boolean axisIsList;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private boolean rmsScaling;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;
    private int[] broadcastShape;

    public LayerNormalization() {}

    /** A layer from Keras's config keys. */
    public static LayerNormalization fromConfig(Layers.Config c) {
        LayerNormalization l = new LayerNormalization();
        Object a = c.integerOrInts("axis", -1);
        if (a instanceof int[] list) l.axis(list);
        else l.axis(((Integer) a).intValue());
        l.epsilon(c.number("epsilon", 1e-3)).center(c.bool("center", true)).scale(c.bool("scale", true))
                .rmsScaling(c.bool("rms_scaling", false));
        if (c.has("beta_initializer")) l.betaInitializer(c.initializer("beta_initializer"));
        if (c.has("gamma_initializer")) l.gammaInitializer(c.initializer("gamma_initializer"));
        l.betaRegularizer(c.regularizer("beta_regularizer")).gammaRegularizer(c.regularizer("gamma_regularizer"))
                .betaConstraint(c.constraint("beta_constraint")).gammaConstraint(c.constraint("gamma_constraint"));
        return l;
    }

    /** One axis to normalise over (Keras's {@code axis=-1}). */
    public LayerNormalization axis(int value) {
        checkNotBuilt();
        this.axis = new int[] {value};
        this.axisIsList = false;
        return this;
    }

    /** Several axes to normalise over together (Keras's {@code axis=[1, 2]}). */
    public LayerNormalization axis(int... values) {
        checkNotBuilt();
        this.axis = values.clone();
        this.axisIsList = true;
        return this;
    }

    public LayerNormalization epsilon(double value) {
        checkNotBuilt();
        this.epsilon = value;
        return this;
    }

    public LayerNormalization center(boolean value) {
        checkNotBuilt();
        this.center = value;
        return this;
    }

    public LayerNormalization scale(boolean value) {
        checkNotBuilt();
        this.scale = value;
        return this;
    }

    /** Keras's deprecated {@code rms_scaling}: divides by sqrt(variance + epsilon) without centring. */
    public LayerNormalization rmsScaling(boolean value) {
        checkNotBuilt();
        this.rmsScaling = value;
        return this;
    }

    public LayerNormalization betaInitializer(String name) { return betaInitializer(Initializers.get(name)); }

    public LayerNormalization betaInitializer(Initializer init) {
        checkNotBuilt();
        this.betaInitializer = init;
        return this;
    }

    public LayerNormalization gammaInitializer(String name) { return gammaInitializer(Initializers.get(name)); }

    public LayerNormalization gammaInitializer(Initializer init) {
        checkNotBuilt();
        this.gammaInitializer = init;
        return this;
    }

    public LayerNormalization betaRegularizer(String name) { return betaRegularizer(Regularizers.get(name)); }

    /** Penalises beta: {@code regularizer(beta)} joins the layer's losses. */
    public LayerNormalization betaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.betaRegularizer = regularizer;
        return this;
    }

    public LayerNormalization betaConstraint(String name) { return betaConstraint(Constraints.get(name)); }

    /** Projects beta after each optimizer update. */
    public LayerNormalization betaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.betaConstraint = constraint;
        return this;
    }

    public Regularizer betaRegularizer() { return betaRegularizer; }

    public Constraint betaConstraint() { return betaConstraint; }

    public LayerNormalization gammaRegularizer(String name) { return gammaRegularizer(Regularizers.get(name)); }

    /** Penalises gamma: {@code regularizer(gamma)} joins the layer's losses. */
    public LayerNormalization gammaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.gammaRegularizer = regularizer;
        return this;
    }

    public LayerNormalization gammaConstraint(String name) { return gammaConstraint(Constraints.get(name)); }

    /** Projects gamma after each optimizer update. */
    public LayerNormalization gammaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.gammaConstraint = constraint;
        return this;
    }

    public Regularizer gammaRegularizer() { return gammaRegularizer; }

    public Constraint gammaConstraint() { return gammaConstraint; }

    public Variable gamma() { return gamma; }

    public Variable beta() { return beta; }

    @Override public void build(Shape inputShape) {
        int[] axes = canonicalAxes(inputShape);
        if (Arrays.stream(axes).distinct().count() != axes.length) {
            throw new IllegalArgumentException("Duplicate axes are not allowed. Received: axis=" + axisValue());
        }
        Arrays.sort(axes);
        // Keras keeps the canonical, sorted list once built (and reports it in get_config).
        axis = axes;
        axisIsList = true;
        int[] weightShape = new int[axes.length];
        broadcastShape = new int[inputShape.rank()];
        Arrays.fill(broadcastShape, 1);
        for (int i = 0; i < axes.length; i++) {
            weightShape[i] = inputShape.dim(axes[i]);
            broadcastShape[axes[i]] = weightShape[i];
        }
        if (scale || rmsScaling) gamma = addWeight("gamma", Shape.of(weightShape), gammaInitializer, true, gammaRegularizer, gammaConstraint);
        if (center && !rmsScaling) beta = addWeight("beta", Shape.of(weightShape), betaInitializer, true, betaRegularizer, betaConstraint);
    }

    private int[] canonicalAxes(Shape inputShape) {
        int rank = inputShape.rank();
        int[] out = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            if (axis[i] >= rank || axis[i] < -rank) {
                throw new IllegalArgumentException("Axis " + axis[i] + " is out of bounds for input shape " + inputShape + ". Received: axis=" + axisValue());
            }
            out[i] = axis[i] < 0 ? axis[i] + rank : axis[i];
        }
        return out;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs.dtype().isFloating() ? inputs : Ops.cast(inputs, dtype());
        Shape b = Shape.of(broadcastShape);
        Tensor variance = Ops.var(x, axis, true);
        Tensor inv = Ops.divide(1.0, Ops.sqrt(Ops.add(variance, epsilon)));
        if (rmsScaling) {
            Tensor y = Ops.multiply(x, inv);
            return gamma == null ? y : Ops.multiply(y, Ops.reshape(Ops.cast(gamma.value(), x.dtype()), b));
        }
        Tensor mean = Ops.mean(x, axis, true);
        if (scale) inv = Ops.multiply(inv, Ops.reshape(Ops.cast(gamma.value(), x.dtype()), b));
        Tensor offset = Ops.negative(Ops.multiply(mean, inv));
        if (center) offset = Ops.add(offset, Ops.reshape(Ops.cast(beta.value(), x.dtype()), b));
        return Ops.add(Ops.multiply(x, inv), offset);
    }

    /** Passes the input's mask on unchanged, as Keras (supports_masking=True). */
    @Override public boolean supportsMasking() { return true; }

    @Override public Shape computeOutputShape(Shape inputShape) {
        canonicalAxes(inputShape);
        return inputShape;
    }

    /** The axis argument as Keras prints it: an int, or a list. */
    private Object axisValue() {
        if (!axisIsList) return axis[0];
        List<Integer> l = new ArrayList<>();
        for (int a : axis) l.add(a);
        return l;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axisValue());
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("rms_scaling", rmsScaling);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return c;
    }
}
