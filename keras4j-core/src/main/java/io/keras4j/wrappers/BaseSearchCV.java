package io.keras4j.wrappers;

import io.keras4j.losses.Loss;
import io.keras4j.models.Model;
import io.keras4j.random.Random;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * What {@link GridSearchCV} and {@link RandomizedSearchCV} share (scikit-learn's
 * {@code BaseSearchCV}): for every setting, a fresh model from the model-building function is
 * trained on each cross-validation training fold and scored on the matching test fold; the
 * settings are ranked by mean test score, and the best one is trained again on all the data.
 *
 * <p>Defaults follow scikit-learn, deciding "classifier" from the compiled loss (a cross-entropy or
 * hinge loss): 5 folds, stratified for a classifier with class labels; the score is accuracy for a
 * classifier and R² for a regressor; refit on. {@code epochs} and {@code batch_size} are fit
 * arguments (Keras's defaults 1 and 32, or {@link #epochs}/{@link #batchSize}), and a setting that
 * names them overrides them, so they are searched like any other parameter.
 *
 * <p>Repeatability: every fit runs in its own random scope ({@link Random#withSeed}), seeded from
 * the search seed and the fold: weight initialisation, shuffling and dropout depend on nothing
 * else, so results are identical for any {@link #nJobs} and whatever else the program draws. All
 * settings share a fold's seed, as scikit-learn's estimators share a fixed {@code random_state}:
 * scores then differ by the hyperparameters, not by luck of the draw.
 */
public abstract class BaseSearchCV<S extends BaseSearchCV<S>> {
    /** Setting names that are arguments of {@code fit}, not of the model-building function. */
    public static final Set<String> FIT_PARAMS = Set.of("epochs", "batch_size");

    private final Function<Params, Model> buildFn;
    private CrossValidator cv;
    private int cvSplits = 5;
    private String scoring;
    private Boolean greaterIsBetter;
    private boolean refit = true;
    private int nJobs = 1;
    private Long seed;
    private int epochs = 1;
    private int batchSize = 32;
    private int verbose = 0;

    private SearchResults results;
    private Model bestModel;

    protected BaseSearchCV(Function<Params, Model> buildFn) {
        if (buildFn == null) throw new IllegalArgumentException("Argument `model` must be a model-building function Params -> Model. Received: model=null");
        this.buildFn = buildFn;
    }

    @SuppressWarnings("unchecked")
    private S self() { return (S) this; }

    /** The settings to try, for the search seed {@code seed}. */
    protected abstract List<Params> candidates(long seed);

    /** The splitter (scikit-learn's {@code cv}); by default 5 folds, stratified for classifiers. */
    public S cv(CrossValidator value) {
        cv = Objects.requireNonNull(value, "cv");
        return self();
    }

    /** The number of folds of the default splitter (scikit-learn's {@code cv=int}). */
    public S cv(int nSplits) {
        cvSplits = KFold.checkSplits(nSplits);
        cv = null;
        return self();
    }

    /**
     * What to score a fitted model by: {@code "accuracy"} or {@code "r2"} (computed from
     * {@code predict}), or any name in the logs of {@code evaluate} ({@code "loss"}, a compiled
     * metric). Higher is better except for losses and errors ({@code loss}, {@code *_loss},
     * {@code mse}, {@code mean_absolute_error}, {@code *crossentropy}, ...).
     */
    public S scoring(String name) {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("Argument `scoring` must be a metric name. Received: scoring=" + name);
        scoring = name;
        greaterIsBetter = null;
        return self();
    }

    /** A scoring name with its direction given, for names the default rule misjudges. */
    public S scoring(String name, boolean greaterIsBetter) {
        scoring(name);
        this.greaterIsBetter = greaterIsBetter;
        return self();
    }

    /** Whether to train the best setting on all the data afterwards ({@link #bestModel}); on by default. */
    public S refit(boolean value) {
        refit = value;
        return self();
    }

    /**
     * How many fits run at once (scikit-learn's {@code n_jobs}): 1 by default; -1 for one per
     * processor, -2 for all but one, and so on. The results do not depend on it.
     */
    public S nJobs(int value) {
        if (value == 0) throw new IllegalArgumentException("n_jobs == 0 has no meaning. Received: n_jobs=0");
        nJobs = value;
        return self();
    }

    /** The search seed (scikit-learn's {@code random_state}); by default drawn from the global generator. */
    public S seed(long value) {
        seed = value;
        return self();
    }

    /** The epochs of each fit when a setting does not name {@code epochs} (Keras's default 1). */
    public S epochs(int value) {
        if (value < 1) throw new IllegalArgumentException("Argument `epochs` must be a positive integer. Received: epochs=" + value);
        epochs = value;
        return self();
    }

    /** The batch size of each fit when a setting does not name {@code batch_size} (Keras's default 32). */
    public S batchSize(int value) {
        if (value < 1) throw new IllegalArgumentException("Argument `batch_size` must be a positive integer. Received: batch_size=" + value);
        batchSize = value;
        return self();
    }

    /** 0 silent (default), 1 a summary line, 2 a line per fit. */
    public S verbose(int value) {
        if (value < 0) throw new IllegalArgumentException("Argument `verbose` must be a non-negative integer. Received: verbose=" + value);
        verbose = value;
        return self();
    }

    /** Runs the search on samples {@code x} with targets {@code y}; the results are also kept here. */
    public SearchResults fit(Tensor x, Tensor y) {
        if (x == null || y == null) throw new IllegalArgumentException("Arguments `x` and `y` must be arrays. Received: x=" + x + ", y=" + y);
        if (x.rank() == 0 || y.rank() == 0 || x.shape().dim(0) != y.shape().dim(0)) {
            throw new IllegalArgumentException("Found input variables with inconsistent numbers of samples: [" + (x.rank() == 0 ? 0 : x.shape().dim(0))
                    + ", " + (y.rank() == 0 ? 0 : y.shape().dim(0)) + "]");
        }
        int n = x.shape().dim(0);
        long searchSeed = seed != null ? seed : Random.nextSeed();
        List<Params> settings = candidates(searchSeed);

        boolean classifier = checkBuilds(settings, searchSeed);
        int[] labels = classLabels(y);
        CrossValidator splitter = cv != null ? cv
                : classifier && labels != null ? new StratifiedKFold(cvSplits) : new KFold(cvSplits);
        String scoringName = scoring != null ? scoring : classifier ? "accuracy" : "r2";
        boolean higher = greaterIsBetter != null ? greaterIsBetter : greaterIsBetter(scoringName);
        List<CrossValidator.Fold> folds = splitter.split(n, labels);
        int k = folds.size();

        if (verbose > 0) {
            System.out.println("Fitting " + k + " folds for each of " + settings.size() + " candidates, totalling " + k * settings.size() + " fits");
        }
        double[][] scores = new double[settings.size()][k];
        double[] fitTimes = new double[settings.size()];
        List<Runnable> trials = new ArrayList<>();
        for (int c = 0; c < settings.size(); c++) {
            for (int f = 0; f < k; f++) {
                final int ci = c, fi = f;
                trials.add(() -> {
                    CrossValidator.Fold fold = folds.get(fi);
                    long start = System.nanoTime();
                    double score = Random.withSeed(trialSeed(searchSeed, fi), () -> {
                        Model m = trainedModel(settings.get(ci), rows(x, fold.train()), rows(y, fold.train()));
                        return score(m, scoringName, rows(x, fold.test()), rows(y, fold.test()), labels == null ? null : pick(labels, fold.test()), fitBatchSize(settings.get(ci)));
                    });
                    double seconds = (System.nanoTime() - start) / 1e9;
                    synchronized (scores) {
                        scores[ci][fi] = score;
                        fitTimes[ci] += seconds / k;
                    }
                    if (verbose > 1) {
                        System.out.printf(Locale.ROOT, "[CV %d/%d] END %s; score=%.3f total time=%6.1fs%n", fi + 1, k, settings.get(ci), score, seconds);
                    }
                });
            }
        }
        run(trials);
        results = new SearchResults(scoringName, higher, k, settings, scores, fitTimes);
        bestModel = null;
        if (refit) {
            Params best = results.bestParams();
            bestModel = Random.withSeed(trialSeed(searchSeed, k), () -> trainedModel(best, x, y));
        }
        return results;
    }

    /** The results of the last {@link #fit}. */
    public SearchResults results() {
        if (results == null) throw new IllegalStateException("This search is not fitted yet. Call `fit` with appropriate arguments before using this estimator.");
        return results;
    }

    public Params bestParams() { return results().bestParams(); }

    public double bestScore() { return results().bestScore(); }

    public int bestIndex() { return results().bestIndex(); }

    /** The best setting trained on all the data (scikit-learn's {@code best_estimator_}); needs refit. */
    public Model bestModel() {
        results();
        if (bestModel == null) {
            throw new IllegalStateException("This search was run with refit=false: no best model was trained. Use refit(true), or build one from bestParams().");
        }
        return bestModel;
    }

    // ------------------------------------------------------------------ trials

    /**
     * Builds every setting once (no training) before any fit: a function that asks for a name the
     * settings lack, or does not compile its model, fails at once rather than after hours; and a
     * searched name that no build read is a typo in the grid. Returns whether the models are classifiers.
     */
    private boolean checkBuilds(List<Params> settings, long searchSeed) {
        Set<String> read = new TreeSet<>(FIT_PARAMS);
        Set<String> searched = new LinkedHashSet<>();
        Boolean classifier = null;
        for (Params p : settings) {
            searched.addAll(p.asMap().keySet());
            Params fresh = Params.of(p.asMap());
            // A scope of its own: these throw-away builds must not move any generator the fits use.
            Model m = Random.withSeed(searchSeed, () -> build(fresh));
            read.addAll(fresh.readNames());
            if (classifier == null) classifier = isClassifier(m.loss());
        }
        for (String name : searched) {
            if (!read.contains(name)) {
                read.removeAll(FIT_PARAMS);
                throw new IllegalArgumentException("Invalid parameter '" + name + "' for the model-building function: no setting's model read it, and it is not a fit "
                        + "argument " + new TreeSet<>(FIT_PARAMS) + ". Valid parameters are the ones it reads: " + read + ".");
            }
        }
        return classifier != null && classifier;
    }

    private Model build(Params p) {
        Model m = buildFn.apply(p);
        if (m == null) throw new IllegalArgumentException("The model-building function returned null for " + p + "; it must return a compiled Model.");
        if (!m.compiled()) {
            throw new IllegalArgumentException("The model-building function returned an uncompiled model for " + p
                    + "; call `model.compile(optimizer, loss, metrics)` in it before returning the model.");
        }
        return m;
    }

    private Model trainedModel(Params p, Tensor x, Tensor y) {
        Model m = build(p);
        int e = p.has("epochs") ? p.getInt("epochs") : epochs;
        m.fit(x, y, new FitOptions().epochs(e).batchSize(fitBatchSize(p)).verbose(0));
        return m;
    }

    private int fitBatchSize(Params p) { return p.has("batch_size") ? p.getInt("batch_size") : batchSize; }

    private void run(List<Runnable> trials) {
        int jobs = nJobs > 0 ? nJobs : Math.max(1, Runtime.getRuntime().availableProcessors() + 1 + nJobs);
        jobs = Math.min(jobs, trials.size());
        if (jobs <= 1) {
            for (Runnable t : trials) t.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "keras4j-search");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable t : trials) futures.add(pool.submit(t));
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    for (Future<?> other : futures) other.cancel(true);
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException("A search trial failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while the search ran", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fold's seed: SplitMix64 of the search seed and the fold, so nearby seeds give unrelated streams. */
    static long trialSeed(long searchSeed, int fold) {
        long z = searchSeed + 0x9E3779B97F4A7C15L * (fold + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ------------------------------------------------------------------ scoring

    private double score(Model m, String name, Tensor x, Tensor y, int[] labels, int batch) {
        if (name.equals("accuracy")) {
            if (labels == null) {
                throw new IllegalArgumentException("Scoring 'accuracy' needs class labels as targets (integers, or one-hot rows). Use scoring(\"r2\") or a metric name for other targets.");
            }
            int[] predicted = predictedClasses(m.predict(x, batch, 0));
            int hits = 0;
            for (int i = 0; i < labels.length; i++) if (predicted[i] == labels[i]) hits++;
            return (double) hits / labels.length;
        }
        if (name.equals("r2")) return r2(y, m.predict(x, batch, 0));
        Map<String, Double> logs = m.evaluate(x, y, batch, 0);
        Double v = logs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("Unknown scoring '" + name + "': it is neither 'accuracy' nor 'r2' nor a value logged by `evaluate`. Available: " + logs.keySet());
        }
        return v;
    }

    /** Argmax of each row; a single column is a probability, thresholded at 0.5 as BinaryAccuracy does. */
    static int[] predictedClasses(Tensor pred) {
        int n = pred.shape().dim(0);
        int width = n == 0 ? 1 : pred.size() / n;
        float[] p = pred.toFloatArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            if (width == 1) {
                out[i] = p[i] > 0.5f ? 1 : 0;
                continue;
            }
            int best = 0;
            for (int j = 1; j < width; j++) if (p[i * width + j] > p[i * width + best]) best = j;
            out[i] = best;
        }
        return out;
    }

    /** scikit-learn's {@code r2_score}, averaged over the outputs; a constant target scores 1 if hit exactly, else 0. */
    static double r2(Tensor y, Tensor pred) {
        int n = y.shape().dim(0);
        if (pred.size() != y.size()) {
            throw new IllegalArgumentException("Scoring 'r2' needs predictions shaped like the targets: y " + y.shape() + " vs predictions " + pred.shape());
        }
        int d = n == 0 ? 1 : y.size() / n;
        double[] t = y.toDoubleArray(), p = pred.toDoubleArray();
        double total = 0;
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += t[i * d + j];
            mean /= n;
            double res = 0, tot = 0;
            for (int i = 0; i < n; i++) {
                res += (t[i * d + j] - p[i * d + j]) * (t[i * d + j] - p[i * d + j]);
                tot += (t[i * d + j] - mean) * (t[i * d + j] - mean);
            }
            total += tot == 0 ? (res == 0 ? 1 : 0) : 1 - res / tot;
        }
        return total / d;
    }

    /** Losses and errors are minimised; everything else (accuracy, auc, r2, ...) maximised. */
    static boolean greaterIsBetter(String name) {
        String s = name.toLowerCase(Locale.ROOT);
        if (s.startsWith("val_")) s = s.substring(4);
        if (s.equals("loss") || s.endsWith("_loss") || s.contains("error") || s.contains("crossentropy") || s.contains("hinge")) return false;
        return !Set.of("mse", "mae", "mape", "msle", "rmse", "kld", "kl_divergence", "poisson", "log_cosh", "logcosh", "huber").contains(s);
    }

    private static boolean isClassifier(Loss loss) {
        if (loss == null) return false;
        String c = loss.className();
        return c.contains("Crossentropy") || c.contains("Hinge");
    }

    /**
     * The targets as class labels, scikit-learn's way ({@code type_of_target}): integers, floats that
     * are all whole numbers, or one-hot rows; null for anything else (continuous, multi-label).
     */
    static int[] classLabels(Tensor y) {
        int n = y.shape().dim(0);
        int width = n == 0 ? 1 : y.size() / n;
        double[] v = y.toDoubleArray();
        int[] out = new int[n];
        if (width == 1) {
            for (int i = 0; i < n; i++) {
                if (v[i] != Math.rint(v[i]) || Double.isInfinite(v[i])) return null;
                out[i] = (int) v[i];
            }
            return out;
        }
        for (int i = 0; i < n; i++) {
            int hot = -1;
            for (int j = 0; j < width; j++) {
                double a = v[i * width + j];
                if (a == 1 && hot < 0) hot = j;
                else if (a != 0) return null;
            }
            if (hot < 0) return null;
            out[i] = hot;
        }
        return out;
    }

    private static int[] pick(int[] a, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) out[i] = a[idx[i]];
        return out;
    }

    /** The given rows (first-axis entries) of {@code t}, copied. */
    static Tensor rows(Tensor t, int[] idx) {
        int n = t.shape().dim(0);
        int width = n == 0 ? 0 : t.size() / n;
        Object src = t.data();
        Object dst = t.dtype().allocate(idx.length * width);
        for (int k = 0; k < idx.length; k++) System.arraycopy(src, idx[k] * width, dst, k * width, width);
        return Tensor.wrap(dst, t.shape().withDim(0, idx.length));
    }
}
