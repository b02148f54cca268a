package io.keras4j.layers.normalization;

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

import java.util.Map;

/**
 * Keras's {@code GroupNormalization}: the channels along {@code axis} are split into
 * {@code groups} equal groups, and each sample is normalised with the mean and biased variance of
 * each group (over the group's channels and every other non-batch axis), then scaled by
 * {@code gamma} and shifted by {@code beta} per channel. {@code groups = -1} is instance
 * normalisation (one group per channel); {@code groups = 1} normalises like LayerNormalization
 * over all non-batch axes.
 */
public final class GroupNormalization extends Layer {
    private int groups;
    private int axis = -1;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Variable gamma;
    private Variable beta;

    /** Keras's default is 32 groups. */
    public GroupNormalization() { this(32); }

    public GroupNormalization(int groups) {
        if (groups <= 0 && groups != -1) {
            throw new IllegalArgumentException("Received an invalid value for argument `groups`, expected a positive integer "
                    + "(or `-1` for instance normalization). Received: groups=" + groups);
        }
        this.groups = groups;
    }

    /** A layer from Keras's config keys. */
    public static GroupNormalization fromConfig(Layers.Config c) {
        GroupNormalization g = new GroupNormalization(c.integer("groups", 32)).axis(c.integer("axis", -1))
                .epsilon(c.number("epsilon", 1e-3)).center(c.bool("center", true)).scale(c.bool("scale", true));
        if (c.has("beta_initializer")) g.betaInitializer(c.initializer("beta_initializer"));
        if (c.has("gamma_initializer")) g.gammaInitializer(c.initializer("gamma_initializer"));
        g.betaRegularizer(c.regularizer("beta_regularizer")).gammaRegularizer(c.regularizer("gamma_regularizer"))
                .betaConstraint(c.constraint("beta_constraint")).gammaConstraint(c.constraint("gamma_constraint"));
        return g;
    }

    public GroupNormalization axis(int value) {
        checkNotBuilt();
        this.axis = value;
        return this;
    }

    public GroupNormalization epsilon(double value) {
        checkNotBuilt();
        this.epsilon = value;
        return this;
    }

    public GroupNormalization center(boolean value) {
        checkNotBuilt();
        this.center = value;
        return this;
    }

    public GroupNormalization scale(boolean value) {
        checkNotBuilt();
        this.scale = value;
        return this;
    }

    public GroupNormalization betaInitializer(String name) { return betaInitializer(Initializers.get(name)); }

    public GroupNormalization betaInitializer(Initializer init) {
        checkNotBuilt();
        this.betaInitializer = init;
        return this;
    }

    public GroupNormalization gammaInitializer(String name) { return gammaInitializer(Initializers.get(name)); }

    public GroupNormalization gammaInitializer(Initializer init) {
        checkNotBuilt();
        this.gammaInitializer = init;
        return this;
    }

    public GroupNormalization betaRegularizer(String name) { return betaRegularizer(Regularizers.get(name)); }

    /** Penalises beta: {@code regularizer(beta)} joins the layer's losses. */
    public GroupNormalization betaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.betaRegularizer = regularizer;
        return this;
    }

    public GroupNormalization betaConstraint(String name) { return betaConstraint(Constraints.get(name)); }

    /** Projects beta after each optimizer update. */
    public GroupNormalization betaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.betaConstraint = constraint;
        return this;
    }

    public Regularizer betaRegularizer() { return betaRegularizer; }

    public Constraint betaConstraint() { return betaConstraint; }

    public GroupNormalization gammaRegularizer(String name) { return gammaRegularizer(Regularizers.get(name)); }

    /** Penalises gamma: {@code regularizer(gamma)} joins the layer's losses. */
    public GroupNormalization gammaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.gammaRegularizer = regularizer;
        return this;
    }

    public GroupNormalization gammaConstraint(String name) { return gammaConstraint(Constraints.get(name)); }

    /** Projects gamma after each optimizer update. */
    public GroupNormalization gammaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.gammaConstraint = constraint;
        return this;
    }

    public Regularizer gammaRegularizer() { return gammaRegularizer; }

    public Constraint gammaConstraint() { return gammaConstraint; }

    /** The number of groups; once built, -1 has become the number of channels, as in Keras. */
    public int groups() { return groups; }

    public Variable gamma() { return gamma; }

    public Variable beta() { return beta; }

    @Override public void build(Shape inputShape) {
        computeOutputShape(inputShape);
        int dim = inputShape.dim(axis);
        if (dim == Shape.UNKNOWN) {
            throw new IllegalArgumentException("Axis " + axis + " of input tensor should have a defined dimension but the layer received an input with shape " + inputShape + ".");
        }
        if (groups == -1) groups = dim;
        if (dim < groups) {
            throw new IllegalArgumentException("Number of groups (" + groups + ") cannot be more than the number of channels (" + dim + ").");
        }
        if (dim % groups != 0) {
            // Keras's wording (it means: the channels must be a multiple of the groups).
            throw new IllegalArgumentException("Number of groups (" + groups + ") must be a multiple of the number of channels (" + dim + ").");
        }
        inputSpec = new InputSpec(inputShape.rank(), null, Map.of(axis, dim));
        if (scale) gamma = addWeight("gamma", Shape.of(dim), gammaInitializer, true, gammaRegularizer, gammaConstraint);
        if (center) beta = addWeight("beta", Shape.of(dim), betaInitializer, true, betaRegularizer, betaConstraint);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor x = inputs.dtype().isFloating() ? inputs : Ops.cast(inputs, dtype());
        Shape in = x.shape();
        int a = in.normalizeAxis(axis);
        int perGroup = in.dim(a) / groups;
        // (batch, ..., channels, ...) → (batch, ..., groups, channels / groups, ...): statistics per
        // sample and group, over every axis but the batch and the group axis.
        int[] grouped = new int[in.rank() + 1];
        int[] paramShape = new int[in.rank() + 1];
        int[] reduce = new int[in.rank() - 1];
        for (int i = 0, j = 0; i < grouped.length; i++) {
            grouped[i] = i < a ? in.dim(i) : i == a ? groups : i == a + 1 ? perGroup : in.dim(i - 1);
            paramShape[i] = i == a ? groups : i == a + 1 ? perGroup : 1;
            if (i != 0 && i != a) reduce[j++] = i;
        }
        Tensor g = Ops.reshape(x, Shape.of(grouped));
        Tensor mean = Ops.mean(g, reduce, true);
        Tensor variance = Ops.var(g, reduce, true);
        Tensor inv = Ops.divide(1.0, Ops.sqrt(Ops.add(variance, epsilon)));
        if (scale) inv = Ops.multiply(inv, Ops.reshape(Ops.cast(gamma.value(), x.dtype()), Shape.of(paramShape)));
        Tensor offset = Ops.negative(Ops.multiply(mean, inv));
        if (center) offset = Ops.add(offset, Ops.reshape(Ops.cast(beta.value(), x.dtype()), Shape.of(paramShape)));
        return Ops.reshape(Ops.add(Ops.multiply(g, inv), offset), in);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        if (axis >= inputShape.rank() || axis < -inputShape.rank()) {
            throw new IllegalArgumentException("Axis " + axis + " is out of bounds for input shape " + inputShape + ". Received: axis=" + axis);
        }
        return inputShape;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("groups", groups);
        c.put("axis", axis);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        return c;
    }
}
