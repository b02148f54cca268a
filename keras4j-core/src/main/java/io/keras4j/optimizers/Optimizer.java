package io.keras4j.optimizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.backend.jvm.Parallel;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The base of all optimizers, as Keras 3's {@code keras.optimizers.Optimizer}: it keeps the
 * iteration count and the learning rate, clips gradients ({@code clipnorm}, {@code clipvalue},
 * {@code global_clipnorm}), applies decoupled weight decay, creates the per-variable slot variables
 * on the first {@link #apply}, and hands each variable to its subclass's {@link #updateStep}.
 *
 * <p>Options are chained setters named after Keras's keyword arguments ({@code new Adam()
 * .learningRate(1e-3).clipnorm(1.0)}); every subclass returns its own type from them so that they
 * chain in any order.
 *
 * <p>Updates run in place on the variables' storage with plain loops, split over threads for large
 * variables: this is the training hot path, so a step allocates no tensors. Float32 and float64
 * variables are supported; the update is computed in the variable's precision, as Keras casts
 * everything to the variable's dtype.
 */
public abstract class Optimizer {

    /** Elements per thread below which an update stays on one thread. */
    static final int GRAIN = 32768;

    /** Block size of updates written as two loops over the same elements: the second finds the block in cache. */
    protected static final int TILE = 2048;

    // Decaying optimizer state (Adam's moments where gradients are exactly zero, ...) would sink into
    // subnormal numbers, on which the JVM computes about 100x slower and cannot flush to zero itself:
    // DL4J's MLP slowed to a third that way. See flush(). Each threshold's unit in the last place is
    // a normal number (>= 2^-126, 2^-1022), so shifting by it never creates a subnormal.
    private static final float TINY_FLOAT = 1e-30f;
    private static final double TINY_DOUBLE = 1e-290;

    private static final Map<String, Integer> NAME_UIDS = new ConcurrentHashMap<>();
    private static final System.Logger LOG = System.getLogger(Optimizer.class.getName());

    private String name;
    private final Variable iterations = new Variable("iteration", Tensor.scalar(0, DType.INT64), false);
    // Keras keeps a constant learning rate in a float32 variable (so its config reads
    // 0.0010000000474974513) and drops that variable when a schedule replaces it.
    private Variable learningRateVariable = new Variable("learning_rate", Tensor.scalar(0, DType.FLOAT32), false);
    private LearningRateSchedule schedule;
    private Double weightDecay;
    private Double clipnorm;
    private Double clipvalue;
    private Double globalClipnorm;
    private Double lossScaleFactor;
    private double emaMomentum = 0.99;
    private Integer emaOverwriteFrequency;

    private final List<Variable> tracked = new ArrayList<>();
    private final Map<Variable, Integer> indices = new IdentityHashMap<>();
    private final Set<Variable> excludedFromDecay = Collections.newSetFromMap(new IdentityHashMap<>());
    private Pattern excludedNames;
    private List<Variable> trainable; // null until built
    private boolean[] decays;
    private Object[] scratch; // per variable: a reused buffer for clipped or cast gradients
    private boolean warnedMissing;

    protected Optimizer(double learningRate) {
        name = autoName(className());
        tracked.add(iterations);
        tracked.add(learningRateVariable);
        setLearningRate(learningRate);
    }

    /** The Keras class name: "Adam", "SGD", "RMSprop", ... */
    public abstract String className();

    /** Creates this optimizer's slot variables for {@code variables}, in Keras's order. */
    protected abstract void buildSlots(List<Variable> variables);

    /**
     * Updates {@code variable}, the {@code index}-th variable the optimizer was built with, in place.
     * {@code gradient} is a float[] or double[] of the variable's dtype and size, already clipped;
     * it may be a tensor's storage and must not be written.
     */
    protected abstract void updateStep(int index, Variable variable, Object gradient, double learningRate);

    /** Runs once per {@link #apply}, before the per-variable updates (Nadam's momentum product). */
    protected void beforeUpdateSteps(double learningRate) {}

    // ---- options ----

    public String name() { return name; }

    public Optimizer name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The learning rate of the next step: the schedule's value at {@link #iterations()}, or the constant. */
    public double learningRate() {
        if (schedule != null) return schedule.at(iterations());
        return ((float[]) learningRateVariable.peek().data())[0];
    }

    public Optimizer learningRate(double learningRate) {
        setLearningRate(learningRate);
        return this;
    }

    public Optimizer learningRate(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        if (learningRateVariable != null) {
            tracked.remove(learningRateVariable);
            learningRateVariable = null;
        }
        return this;
    }

    /** The schedule, or null when the learning rate is a constant. */
    public LearningRateSchedule learningRateSchedule() { return schedule; }

    private void setLearningRate(double learningRate) {
        if (schedule != null) {
            throw new IllegalStateException("This optimizer was created with a `LearningRateSchedule` object as its "
                    + "`learning_rate` constructor argument, hence its learning rate is not settable. If you need the "
                    + "learning rate to be settable, you should instantiate the optimizer with a float `learning_rate` argument.");
        }
        // Keras 3 itself accepts any float; a negative or NaN rate is always a mistake here.
        if (!(learningRate >= 0)) {
            throw new IllegalArgumentException("Argument `learning_rate` should be a float >= 0. Received: learning_rate=" + learningRate);
        }
        ((float[]) learningRateVariable.peek().data())[0] = (float) learningRate;
    }

    public Double weightDecay() { return weightDecay; }

    /** Decoupled weight decay: each step first does {@code variable -= variable * weightDecay * learningRate}. */
    public Optimizer weightDecay(double weightDecay) {
        this.weightDecay = weightDecay;
        return this;
    }

    public Double clipnorm() { return clipnorm; }

    /** Clips each gradient so that its L2 norm is at most {@code clipnorm}. */
    public Optimizer clipnorm(double clipnorm) {
        checkOneClip(clipnorm, clipvalue, globalClipnorm);
        this.clipnorm = clipnorm;
        return this;
    }

    public Double clipvalue() { return clipvalue; }

    /** Clips each gradient element to {@code [-clipvalue, clipvalue]}. */
    public Optimizer clipvalue(double clipvalue) {
        checkOneClip(clipnorm, clipvalue, globalClipnorm);
        this.clipvalue = clipvalue;
        return this;
    }

    public Double globalClipnorm() { return globalClipnorm; }

    /** Scales all gradients together so that their joint L2 norm is at most {@code globalClipnorm}. */
    public Optimizer globalClipnorm(double globalClipnorm) {
        checkOneClip(clipnorm, clipvalue, globalClipnorm);
        this.globalClipnorm = globalClipnorm;
        return this;
    }

    public Double lossScaleFactor() { return lossScaleFactor; }

    /** Gradients are divided by this factor (the loss having been multiplied by it) before anything else. */
    public Optimizer lossScaleFactor(double lossScaleFactor) {
        this.lossScaleFactor = lossScaleFactor;
        return this;
    }

    private static void checkOneClip(Double clipnorm, Double clipvalue, Double globalClipnorm) {
        int set = (clipnorm != null ? 1 : 0) + (clipvalue != null ? 1 : 0) + (globalClipnorm != null ? 1 : 0);
        if (set > 1) {
            throw new IllegalArgumentException("Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. "
                    + "Received: clipnorm=" + repr(clipnorm) + ", clipvalue=" + repr(clipvalue)
                    + ", global_clipnorm=" + repr(globalClipnorm));
        }
    }

    /**
     * Exempts variables from weight decay: those in {@code varList}, and those whose name contains a
     * match of one of the regular expressions {@code varNames} (e.g. "bias"). Call before building.
     */
    public void excludeFromWeightDecay(List<Variable> varList, List<String> varNames) {
        if (built()) {
            throw new IllegalStateException("`exclude_from_weight_decay()` can only be configured before the optimizer is built.");
        }
        excludedFromDecay.clear();
        if (varList != null) excludedFromDecay.addAll(varList);
        excludedNames = varNames == null || varNames.isEmpty() ? null
                : Pattern.compile(String.join("|", new LinkedHashSet<>(varNames)));
    }

    /** Fails when an option that decides which slot variables exist is changed after they were made. */
    protected final void checkNotBuilt(String argument) {
        if (built()) {
            throw new IllegalStateException("Cannot change `" + argument + "` of optimizer '" + name
                    + "' after it is built: its variables already exist. Create a new optimizer instead.");
        }
    }

    // ---- state ----

    /** Steps applied so far; the step being applied sees {@code iterations() + 1} as its count t. */
    public long iterations() { return ((long[]) iterations.peek().data())[0]; }

    public boolean built() { return trainable != null; }

    /**
     * The optimizer's own variables in Keras's order: the iteration count, the learning rate (when
     * constant), then the slot variables as the optimizer created them. Keras saves them in this order.
     */
    public List<Variable> variables() { return List.copyOf(tracked); }

    /** Creates the slot variables for {@code variables}; does nothing when already built. */
    public final void build(List<Variable> variables) {
        if (built()) return;
        List<Variable> vars = List.copyOf(variables);
        for (Variable v : vars) {
            if (!v.dtype().isFloating()) {
                throw new IllegalArgumentException("Optimizer '" + name + "' cannot train variable '" + v.name()
                        + "' of dtype " + v.dtype() + ": only float32 and float64 variables can be trained");
            }
        }
        decays = new boolean[vars.size()];
        for (int i = 0; i < vars.size(); i++) {
            Variable v = vars.get(i);
            indices.put(v, i);
            decays[i] = !excludedFromDecay.contains(v) && (excludedNames == null || !excludedNames.matcher(v.name()).find());
        }
        scratch = new Object[vars.size()];
        buildSlots(vars);
        trainable = vars;
    }

    /**
     * Adds one slot variable per variable and name, filled with {@code initialValue} and named
     * {@code <variable name>_<slot name>} as Keras names them. Slots are interleaved per variable
     * (m0, v0, m1, v1, ...), as Keras creates them; the result has one list per slot name.
     */
    protected final List<List<Variable>> addOptimizerVariables(List<Variable> variables, double initialValue, String... slotNames) {
        List<List<Variable>> slots = new ArrayList<>(slotNames.length);
        for (int k = 0; k < slotNames.length; k++) slots.add(new ArrayList<>(variables.size()));
        for (Variable v : variables) {
            String prefix = v.name().replace('/', '_').replace(':', '_');
            for (int k = 0; k < slotNames.length; k++) {
                slots.get(k).add(addVariable(prefix + "_" + slotNames[k], Tensor.full(v.shape(), initialValue, v.dtype())));
            }
        }
        return slots;
    }

    /** Adds a non-trainable variable to {@link #variables()}. */
    protected final Variable addVariable(String name, Tensor initial) {
        Variable v = new Variable(name, initial, false);
        tracked.add(v);
        return v;
    }

    // ---- applying gradients ----

    /** Applies gradients to the variables the optimizer was built with, one gradient (or null) each. */
    public void apply(List<Tensor> grads) {
        apply(grads, null);
    }

    /**
     * Applies one gradient per variable, as Keras's {@code apply(grads, trainable_variables)}: builds
     * the optimizer on the first call, skips variables whose gradient is null, then clips, decays
     * weights, updates each variable in place and counts one iteration. An empty list does nothing.
     */
    public void apply(List<Tensor> grads, List<Variable> variables) {
        if (grads.isEmpty()) return;
        if (variables == null) {
            if (!built()) {
                throw new IllegalStateException("When passing `grads` without `variables`, the optimizer must already be "
                        + "built on a list of variables. Call `optimizer.build(trainable_variables)` first.");
            }
            if (grads.size() != trainable.size()) {
                throw new IllegalArgumentException("When passing `grads` as a list of gradient tensors, the gradients must "
                        + "match `optimizer.variables` one-to-one. Received a list of " + grads.size()
                        + " gradients, but the optimizer is tracking " + trainable.size() + " trainable variables.");
            }
            variables = trainable;
        } else {
            if (grads.size() != variables.size()) {
                throw new IllegalArgumentException("Received " + grads.size() + " gradients for " + variables.size()
                        + " variables: pass one gradient (or null) per variable.");
            }
            build(variables);
            for (Variable v : variables) {
                if (!indices.containsKey(v)) {
                    throw new IllegalArgumentException("Unknown variable: " + v.name() + ". This optimizer can only be called "
                            + "for the variables it was originally built with. When working with a new set of variables, "
                            + "you should recreate a new optimizer instance.");
                }
            }
        }
        checkGradients(grads, variables);
        Object[] prepared = prepareGradients(grads, variables);
        double lr = learningRate();
        applyWeightDecay(grads, variables, lr);
        beforeUpdateSteps(lr);
        for (int k = 0; k < grads.size(); k++) {
            if (prepared[k] != null) {
                Variable v = variables.get(k);
                updateStep(indices.get(v), v, prepared[k], lr);
                // Keras projects a constrained variable right after its update (kernel_constraint, ...).
                if (v.constraint() != null) v.assign(v.constraint().apply(v.peek()));
            }
        }
        ((long[]) iterations.peek().data())[0]++;
    }

    private void checkGradients(List<Tensor> grads, List<Variable> variables) {
        int present = 0;
        for (int k = 0; k < grads.size(); k++) {
            Tensor g = grads.get(k);
            if (g == null) continue;
            present++;
            Variable v = variables.get(k);
            if (!g.shape().equals(v.shape())) {
                throw new IllegalArgumentException("Gradient for variable '" + v.name() + "' has shape " + g.shape()
                        + ", but the variable has shape " + v.shape());
            }
        }
        if (present == 0) throw new IllegalArgumentException("No gradients provided for any variable.");
        if (present < grads.size() && !warnedMissing) {
            warnedMissing = true;
            List<String> missing = new ArrayList<>();
            for (int k = 0; k < grads.size(); k++) if (grads.get(k) == null) missing.add(variables.get(k).name());
            LOG.log(System.Logger.Level.WARNING, "Gradients do not exist for variables " + missing + " when minimizing the "
                    + "loss. If using `model.compile()`, did you forget to provide a `loss` argument?");
        }
    }

    /** Unscales and clips as Keras does; the result holds each gradient as an array of its variable's dtype. */
    private Object[] prepareGradients(List<Tensor> grads, List<Variable> variables) {
        double unscale = lossScaleFactor == null ? 1 : 1 / lossScaleFactor;
        boolean byNorm = clipnorm != null && clipnorm > 0;
        boolean byGlobalNorm = !byNorm && globalClipnorm != null && globalClipnorm > 0;
        boolean byValue = !byNorm && !byGlobalNorm && clipvalue != null && clipvalue > 0;
        double global = 1;
        if (byGlobalNorm) {
            double sum = 0;
            for (Tensor g : grads) if (g != null) sum += sumOfSquares(g);
            double norm = Math.sqrt(sum) * Math.abs(unscale);
            // Keras's formula: 1 for a norm within bounds (0 included), NaN for an infinite or NaN norm.
            global = globalClipnorm * Math.min(1 / norm, 1 / globalClipnorm) + (norm - norm);
        }
        double bound = byValue ? clipvalue : Double.POSITIVE_INFINITY;
        Object[] out = new Object[grads.size()];
        for (int k = 0; k < grads.size(); k++) {
            Tensor g = grads.get(k);
            if (g == null) continue;
            double factor = unscale * global;
            if (byNorm) {
                double norm = Math.sqrt(sumOfSquares(g)) * Math.abs(unscale);
                factor *= clipnorm / Math.max(norm, clipnorm);
            }
            Variable v = variables.get(k);
            out[k] = gradientArray(indices.get(v), g, v.dtype(), factor, bound);
        }
        return out;
    }

    private static double sumOfSquares(Tensor g) {
        // Four running sums: one would wait on each addition's latency (the JIT may not reorder them).
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int n = g.size(), i = 0;
        if (g.data() instanceof float[] f) {
            for (; i + 3 < n; i += 4) {
                s0 += (double) f[i] * f[i];
                s1 += (double) f[i + 1] * f[i + 1];
                s2 += (double) f[i + 2] * f[i + 2];
                s3 += (double) f[i + 3] * f[i + 3];
            }
        } else if (g.data() instanceof double[] d) {
            for (; i + 3 < n; i += 4) {
                s0 += d[i] * d[i];
                s1 += d[i + 1] * d[i + 1];
                s2 += d[i + 2] * d[i + 2];
                s3 += d[i + 3] * d[i + 3];
            }
        }
        for (; i < n; i++) s0 += g.getDouble(i) * g.getDouble(i);
        return (s0 + s1) + (s2 + s3);
    }

    /** The gradient's own storage when nothing changes it, else {@code clip(g * factor)} in a reused buffer. */
    private Object gradientArray(int index, Tensor g, DType dtype, double factor, double bound) {
        int n = g.size();
        if (factor == 1 && bound == Double.POSITIVE_INFINITY && g.dtype() == dtype) return g.data();
        if (dtype == DType.FLOAT32) {
            float[] buf = scratch[index] instanceof float[] f && f.length == n ? f : new float[n];
            scratch[index] = buf;
            float hi = (float) bound;
            if (g.data() instanceof float[] src) {
                float f = (float) factor;
                forChunks(n, (from, to) -> {
                    for (int i = from; i < to; i++) buf[i] = Math.min(Math.max(src[i] * f, -hi), hi);
                });
            } else {
                for (int i = 0; i < n; i++) buf[i] = (float) Math.min(Math.max(g.getDouble(i) * factor, -bound), bound);
            }
            return buf;
        }
        double[] buf = scratch[index] instanceof double[] d && d.length == n ? d : new double[n];
        scratch[index] = buf;
        if (g.data() instanceof double[] src) {
            forChunks(n, (from, to) -> {
                for (int i = from; i < to; i++) buf[i] = Math.min(Math.max(src[i] * factor, -bound), bound);
            });
        } else {
            for (int i = 0; i < n; i++) buf[i] = Math.min(Math.max(g.getDouble(i) * factor, -bound), bound);
        }
        return buf;
    }

    /** Keras's decoupled weight decay, before the update: {@code variable -= variable * wd * lr}. */
    private void applyWeightDecay(List<Tensor> grads, List<Variable> variables, double lr) {
        if (weightDecay == null) return;
        double wd = weightDecay;
        for (int k = 0; k < grads.size(); k++) {
            Variable v = variables.get(k);
            if (grads.get(k) == null || !decays[indices.get(v)]) continue;
            Object data = v.peek().data();
            if (data instanceof float[] w) {
                float a = (float) wd, b = (float) lr;
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) w[i] = w[i] - w[i] * a * b;
                });
            } else {
                double[] w = (double[]) data;
                forChunks(w.length, (from, to) -> {
                    for (int i = from; i < to; i++) w[i] = w[i] - w[i] * wd * lr;
                });
            }
        }
    }

    // ---- helpers for the update kernels ----

    /** Runs {@code body} over {@code [0, n)}, split over threads when n is large. */
    protected static void forChunks(int n, Parallel.RangeBody body) {
        Parallel.forRange(n, GRAIN, body);
    }

    /**
     * Keeps decaying state out of the slow subnormal range: values within 1e-30 of zero become 0,
     * others move towards 0 by 1e-30, which rounding absorbs entirely above about 2e-23. Written with
     * min/max rather than a comparison so that the JIT still vectorizes the update loops: a
     * conditional here made Adam's float32 step 3-4x slower.
     */
    protected static float flush(float x) {
        return Math.max(x - TINY_FLOAT, 0f) + Math.min(x + TINY_FLOAT, 0f);
    }

    /** As {@link #flush(float)}, with 1e-290 (exact above about 1e-274). */
    protected static double flush(double x) {
        return Math.max(x - TINY_DOUBLE, 0.0) + Math.min(x + TINY_DOUBLE, 0.0);
    }

    /**
     * {@link #flush(float)} for state that is never negative (squared gradients, norms): half the
     * operations, which keeps the larger update loops within what JDK 17's JIT vectorizes.
     */
    protected static float flushNonNegative(float x) {
        return Math.max(x - TINY_FLOAT, 0f);
    }

    /** {@link #flush(double)} for state that is never negative. */
    protected static double flushNonNegative(double x) {
        return Math.max(x - TINY_DOUBLE, 0.0);
    }

    // ---- config ----

    /** Keras's config: snake_case keys in Keras's order, with the base keys first. */
    public Map<String, Object> getConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        config.put("learning_rate", schedule == null ? learningRate() : serializeSchedule());
        config.put("weight_decay", weightDecay);
        config.put("clipnorm", clipnorm);
        config.put("global_clipnorm", globalClipnorm);
        config.put("clipvalue", clipvalue);
        config.put("use_ema", false);
        config.put("ema_momentum", emaMomentum);
        config.put("ema_overwrite_frequency", emaOverwriteFrequency);
        config.put("loss_scale_factor", lossScaleFactor);
        config.put("gradient_accumulation_steps", null);
        return config;
    }

    private Map<String, Object> serializeSchedule() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("module", "keras.optimizers.schedules");
        s.put("class_name", schedule.className());
        s.put("config", schedule.getConfig());
        s.put("registered_name", null);
        return s;
    }

    /** Sets options from a Keras config, as Keras's {@code cls(**config)}. */
    protected final void applyConfig(Map<String, Object> config) {
        Map<String, Object> unknown = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.entrySet()) {
            if (!setOption(e.getKey(), e.getValue())) unknown.put(e.getKey(), e.getValue());
        }
        if (!unknown.isEmpty()) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<String, Object> e : unknown.entrySet()) {
                if (sb.length() > 1) sb.append(", ");
                sb.append('\'').append(e.getKey()).append("': ").append(repr(e.getValue()));
            }
            throw new IllegalArgumentException("Argument(s) not recognized: " + sb.append('}'));
        }
    }

    /** Sets one config option; returns false for a key this optimizer does not know. Subclasses add theirs. */
    protected boolean setOption(String key, Object value) {
        switch (key) {
            case "name" -> { if (value != null) name(value.toString()); }
            case "learning_rate" -> {
                if (value instanceof LearningRateSchedule s) learningRate(s);
                else if (value instanceof Map<?, ?> m) {
                    // Keras's serialised schedule {"module": "keras.optimizers.schedules", "class_name": ..., "config": ...}.
                    @SuppressWarnings("unchecked") Map<String, ?> serialized = (Map<String, ?>) m;
                    learningRate(io.keras4j.optimizers.schedules.Schedules.deserialize(serialized));
                } else setLearningRate(number(key, value));
            }
            case "weight_decay" -> weightDecay = optionalNumber(key, value);
            case "clipnorm" -> { Double v = optionalNumber(key, value); checkOneClip(v, clipvalue, globalClipnorm); clipnorm = v; }
            case "clipvalue" -> { Double v = optionalNumber(key, value); checkOneClip(clipnorm, v, globalClipnorm); clipvalue = v; }
            case "global_clipnorm" -> { Double v = optionalNumber(key, value); checkOneClip(clipnorm, clipvalue, v); globalClipnorm = v; }
            case "loss_scale_factor" -> lossScaleFactor = optionalNumber(key, value);
            case "use_ema" -> {
                if (Boolean.TRUE.equals(value)) throw new UnsupportedOperationException("`use_ema=True` is not supported yet");
            }
            // Only read by Keras when use_ema is on; kept so that configs read back unchanged.
            case "ema_momentum" -> emaMomentum = number(key, value);
            case "ema_overwrite_frequency" -> emaOverwriteFrequency = value == null ? null : (int) number(key, value);
            case "gradient_accumulation_steps" -> {
                if (value != null) {
                    throw new UnsupportedOperationException("`gradient_accumulation_steps` is not supported yet. "
                            + "Received: gradient_accumulation_steps=" + value);
                }
            }
            case "decay" -> {
                if (value != null) LOG.log(System.Logger.Level.WARNING, "Argument `decay` is no longer supported and will be ignored.");
            }
            default -> { return false; }
        }
        return true;
    }

    /** A numeric config value. */
    protected static double number(String key, Object value) {
        if (value instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException("Argument `" + key + "` must be a float. Received: " + key + "=" + repr(value));
    }

    /** A numeric config value that may be None (null). */
    protected static Double optionalNumber(String key, Object value) {
        return value == null ? null : number(key, value);
    }

    /** A boolean config value. */
    protected static boolean bool(String key, Object value) {
        if (value instanceof Boolean b) return b;
        throw new IllegalArgumentException("Argument `" + key + "` must be a boolean. Received: " + key + "=" + repr(value));
    }

    /** A value as Python prints it in Keras's messages. */
    static String repr(Object value) {
        if (value == null) return "None";
        if (value instanceof Boolean b) return b ? "True" : "False";
        if (value instanceof String s) return "'" + s + "'";
        return value.toString();
    }

    /** Keras's {@code auto_name}: the snake-cased class name, then name_1, name_2, ... */
    private static String autoName(String className) {
        String base = toSnakeCase(className);
        int uid = NAME_UIDS.merge(base, 1, Integer::sum) - 1;
        return uid == 0 ? base : base + "_" + uid;
    }

    /** Keras's {@code to_snake_case}: "AdamW" gives "adam_w", "RMSprop" gives "rm_sprop". */
    static String toSnakeCase(String name) {
        String s = name.replaceAll("\\W+", "");
        s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
        return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    @Override public String toString() {
        return "<" + className() + " name=" + name + ", learning_rate=" + learningRate() + ", iterations=" + iterations() + ">";
    }
}
