package io.keras4j.layers.normalization;

import io.keras4j.autodiff.GradientTape;
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
 * Keras's {@code BatchNormalization}: {@code gamma * (x - mean) / sqrt(var + epsilon) + beta} per
 * feature along {@code axis}. Called with {@code training=true} (and trainable) it uses the
 * batch's mean and biased variance and moves {@code moving_mean}/{@code moving_variance} towards
 * them ({@code moving = moving * momentum + batch * (1 - momentum)}); otherwise it uses the moving
 * statistics. Weights, in Keras's order: gamma (scale), beta (center), moving_mean,
 * moving_variance, the last two non-trainable.
 */
public final class BatchNormalization extends Layer {
    private int axis = -1;
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;
    private Initializer betaInitializer = Initializers.get("zeros");
    private Initializer gammaInitializer = Initializers.get("ones");
    private Regularizer betaRegularizer;
    private Regularizer gammaRegularizer;
    private Constraint betaConstraint;
    private Constraint gammaConstraint;
    private Initializer movingMeanInitializer = Initializers.get("zeros");
    private Initializer movingVarianceInitializer = Initializers.get("ones");
    private Variable gamma;
    private Variable beta;
    private Variable movingMean;
    private Variable movingVariance;
    private int[] reductionAxes;
    private int[] broadcastShape;

    public BatchNormalization() {}

    /** A layer from Keras's config keys (Keras 1's {@code beta_init}/{@code gamma_init} too). */
    public static BatchNormalization fromConfig(Layers.Config c) {
        BatchNormalization b = new BatchNormalization()
                .axis(c.integer("axis", -1))
                .momentum(c.number("momentum", 0.99))
                .epsilon(c.number("epsilon", 1e-3))
                .center(c.bool("center", true))
                .scale(c.bool("scale", true));
        String betaKey = c.firstPresent("beta_initializer", "beta_init");
        if (betaKey != null) b.betaInitializer(c.initializer(betaKey));
        String gammaKey = c.firstPresent("gamma_initializer", "gamma_init");
        if (gammaKey != null) b.gammaInitializer(c.initializer(gammaKey));
        if (c.has("moving_mean_initializer")) b.movingMeanInitializer(c.initializer("moving_mean_initializer"));
        if (c.has("moving_variance_initializer")) b.movingVarianceInitializer(c.initializer("moving_variance_initializer"));
        b.betaRegularizer(c.regularizer("beta_regularizer")).gammaRegularizer(c.regularizer("gamma_regularizer"))
                .betaConstraint(c.constraint("beta_constraint")).gammaConstraint(c.constraint("gamma_constraint"));
        c.requireNull("weights");
        if (c.bool("synchronized", false)) {
            throw new IllegalArgumentException("Argument synchronized=True is only supported with the TensorFlow backend.");
        }
        if (c.bool("renorm", false)) throw new UnsupportedOperationException("BatchNormalization: argument `renorm` is not supported yet. Received: renorm=True");
        c.raw("renorm_clipping"); // only read when renorm is on
        c.number("renorm_momentum", 0.99);
        // Keras 1's mode 0 is the feature-wise normalisation every later Keras does.
        if (c.integer("mode", 0) != 0) throw new UnsupportedOperationException("BatchNormalization: argument `mode` is not supported yet. Received: mode=" + c.raw("mode"));
        return b;
    }

    public BatchNormalization axis(int value) {
        checkNotBuilt();
        this.axis = value;
        return this;
    }

    public BatchNormalization momentum(double value) {
        checkNotBuilt();
        this.momentum = value;
        return this;
    }

    public BatchNormalization epsilon(double value) {
        checkNotBuilt();
        this.epsilon = value;
        return this;
    }

    public BatchNormalization center(boolean value) {
        checkNotBuilt();
        this.center = value;
        return this;
    }

    public BatchNormalization scale(boolean value) {
        checkNotBuilt();
        this.scale = value;
        return this;
    }

    public BatchNormalization betaInitializer(String name) { return betaInitializer(Initializers.get(name)); }

    public BatchNormalization betaInitializer(Initializer init) {
        checkNotBuilt();
        this.betaInitializer = init;
        return this;
    }

    public BatchNormalization gammaInitializer(String name) { return gammaInitializer(Initializers.get(name)); }

    public BatchNormalization gammaInitializer(Initializer init) {
        checkNotBuilt();
        this.gammaInitializer = init;
        return this;
    }

    public BatchNormalization betaRegularizer(String name) { return betaRegularizer(Regularizers.get(name)); }

    /** Penalises beta: {@code regularizer(beta)} joins the layer's losses. */
    public BatchNormalization betaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.betaRegularizer = regularizer;
        return this;
    }

    public BatchNormalization betaConstraint(String name) { return betaConstraint(Constraints.get(name)); }

    /** Projects beta after each optimizer update. */
    public BatchNormalization betaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.betaConstraint = constraint;
        return this;
    }

    public Regularizer betaRegularizer() { return betaRegularizer; }

    public Constraint betaConstraint() { return betaConstraint; }

    public BatchNormalization gammaRegularizer(String name) { return gammaRegularizer(Regularizers.get(name)); }

    /** Penalises gamma: {@code regularizer(gamma)} joins the layer's losses. */
    public BatchNormalization gammaRegularizer(Regularizer regularizer) {
        checkNotBuilt();
        this.gammaRegularizer = regularizer;
        return this;
    }

    public BatchNormalization gammaConstraint(String name) { return gammaConstraint(Constraints.get(name)); }

    /** Projects gamma after each optimizer update. */
    public BatchNormalization gammaConstraint(Constraint constraint) {
        checkNotBuilt();
        this.gammaConstraint = constraint;
        return this;
    }

    public Regularizer gammaRegularizer() { return gammaRegularizer; }

    public Constraint gammaConstraint() { return gammaConstraint; }

    public BatchNormalization movingMeanInitializer(String name) { return movingMeanInitializer(Initializers.get(name)); }

    public BatchNormalization movingMeanInitializer(Initializer init) {
        checkNotBuilt();
        this.movingMeanInitializer = init;
        return this;
    }

    public BatchNormalization movingVarianceInitializer(String name) { return movingVarianceInitializer(Initializers.get(name)); }

    public BatchNormalization movingVarianceInitializer(Initializer init) {
        checkNotBuilt();
        this.movingVarianceInitializer = init;
        return this;
    }

    public Variable gamma() { return gamma; }

    public Variable beta() { return beta; }

    public Variable movingMean() { return movingMean; }

    public Variable movingVariance() { return movingVariance; }

    @Override public void build(Shape inputShape) {
        computeOutputShape(inputShape);
        int a = inputShape.normalizeAxis(axis);
        int dim = inputShape.dim(a);
        if (dim == Shape.UNKNOWN) {
            throw new IllegalArgumentException("Axis " + axis + " of input tensor should have a defined dimension but the layer received an input with shape " + inputShape + ".");
        }
        Shape shape = Shape.of(dim);
        if (scale) gamma = addWeight("gamma", shape, gammaInitializer, true, gammaRegularizer, gammaConstraint);
        if (center) beta = addWeight("beta", shape, betaInitializer, true, betaRegularizer, betaConstraint);
        movingMean = addWeight("moving_mean", shape, movingMeanInitializer, false);
        movingVariance = addWeight("moving_variance", shape, movingVarianceInitializer, false);
        inputSpec = new InputSpec(inputShape.rank(), null, Map.of(axis, dim));
        reductionAxes = new int[inputShape.rank() - 1];
        broadcastShape = new int[inputShape.rank()];
        for (int i = 0, j = 0; i < inputShape.rank(); i++) {
            broadcastShape[i] = i == a ? dim : 1;
            if (i != a) reductionAxes[j++] = i;
        }
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return callMasked(inputs, null, training); }

    /** Keras passes the mask on unchanged (and uses it for the batch moments in training). */
    @Override public boolean supportsMasking() { return true; }

    /**
     * With a mask (one dimension less than the inputs, as Keras requires), training moments are
     * taken over the unmasked positions only, Keras's {@code _moments}: masked sum over
     * (count + 1e-7), then the masked squared deviations over the same.
     */
    @Override protected Tensor callMasked(Tensor inputs, Tensor mask, boolean training) {
        if (mask != null && mask.rank() != inputs.rank() - 1) {
            throw new IllegalArgumentException("The mask provided should be one dimension less than the inputs. Received: mask.shape="
                    + mask.shape() + ", inputs.shape=" + inputs.shape());
        }
        Tensor x = inputs.dtype().isFloating() ? inputs : Ops.cast(inputs, dtype());
        Tensor mean;
        Tensor variance;
        if (training && trainable() && mask != null) {
            Tensor m = Ops.broadcastTo(Ops.expandDims(Ops.notEqual(Ops.cast(mask, x.dtype()), Tensor.scalar(0, x.dtype())), -1), x.shape());
            Tensor count = Ops.add(Ops.sum(Ops.cast(m, x.dtype()), reductionAxes, true), 1e-7);
            mean = Ops.divide(Ops.sum(Ops.where(m, x, 0.0), reductionAxes, true), count);
            variance = Ops.divide(Ops.sum(Ops.square(Ops.where(m, Ops.subtract(x, mean), 0.0)), reductionAxes, true), count);
            mean = Ops.reshape(mean, Shape.of(broadcastShape));
            variance = Ops.reshape(variance, Shape.of(broadcastShape));
            updateMovingStatistics(mean, variance);
        } else if (training && trainable()) {
            mean = Ops.reshape(Ops.mean(x, reductionAxes, false), Shape.of(broadcastShape));
            variance = Ops.reshape(Ops.var(x, reductionAxes, false), Shape.of(broadcastShape));
            updateMovingStatistics(mean, variance);
        } else {
            mean = Ops.reshape(Ops.cast(movingMean.value(), x.dtype()), Shape.of(broadcastShape));
            variance = Ops.reshape(Ops.cast(movingVariance.value(), x.dtype()), Shape.of(broadcastShape));
        }
        // x * inv + (beta - mean * inv), with inv = gamma / sqrt(var + epsilon), as Keras's ops.batch_normalization.
        Tensor inv = Ops.divide(1.0, Ops.sqrt(Ops.add(variance, epsilon)));
        if (scale) inv = Ops.multiply(inv, Ops.reshape(Ops.cast(gamma.value(), x.dtype()), Shape.of(broadcastShape)));
        Tensor offset = Ops.negative(Ops.multiply(mean, inv));
        if (center) offset = Ops.add(offset, Ops.reshape(Ops.cast(beta.value(), x.dtype()), Shape.of(broadcastShape)));
        return Ops.add(Ops.multiply(x, inv), offset);
    }

    /** The moving averages are state, not part of the computation: no tape sees the update. */
    private void updateMovingStatistics(Tensor batchMean, Tensor batchVariance) {
        GradientTape.stopRecording(() -> {
            Shape s = movingMean.shape();
            movingMean.assign(Ops.add(Ops.multiply(movingMean.peek(), momentum),
                    Ops.multiply(Ops.reshape(batchMean, s), 1.0 - momentum)));
            movingVariance.assign(Ops.add(Ops.multiply(movingVariance.peek(), momentum),
                    Ops.multiply(Ops.reshape(batchVariance, s), 1.0 - momentum)));
            return null;
        });
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        if (axis >= inputShape.rank() || axis < -inputShape.rank()) {
            throw new IllegalArgumentException("Axis " + axis + " is out of bounds for input shape " + inputShape + ". Received: axis=" + axis);
        }
        return inputShape;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        c.put("momentum", momentum);
        c.put("epsilon", epsilon);
        c.put("center", center);
        c.put("scale", scale);
        c.put("beta_initializer", Initializers.serialize(betaInitializer));
        c.put("gamma_initializer", Initializers.serialize(gammaInitializer));
        c.put("moving_mean_initializer", Initializers.serialize(movingMeanInitializer));
        c.put("moving_variance_initializer", Initializers.serialize(movingVarianceInitializer));
        c.put("beta_regularizer", Regularizers.serialize(betaRegularizer));
        c.put("gamma_regularizer", Regularizers.serialize(gammaRegularizer));
        c.put("beta_constraint", Constraints.serialize(betaConstraint));
        c.put("gamma_constraint", Constraints.serialize(gammaConstraint));
        c.put("synchronized", false);
        c.put("renorm", false);
        c.put("renorm_clipping", null);
        c.put("renorm_momentum", 0.99);
        return c;
    }
}
