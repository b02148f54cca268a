package io.keras4j.trainers;

import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code class_weight_to_sample_weights}: turns {@code fit}'s {@code class_weight} into one
 * weight per sample from the labels. Labels are class indices, shape (samples,) or (samples, 1), or
 * one-hot / probability rows (samples, classes), whose class is the arg max. Indices are rounded to
 * the nearest integer (half to even, as NumPy); a class missing from the map weighs 1. Classes of the
 * map that no label has are reported with a warning ({@link #absentClasses}): Keras 3 ignores them
 * silently, but a weight for a class that never occurs is almost always a mislabelled map (classes
 * counted from 1, or the wrong label column), and it changes nothing in training.
 */
public final class ClassWeights {
    private static final System.Logger LOG = System.getLogger(ClassWeights.class.getName());

    private ClassWeights() {}

    /** A float32 array of shape (samples,). */
    public static Tensor toSampleWeights(Tensor y, Map<Integer, Double> classWeight) {
        if (classWeight == null) throw new IllegalArgumentException("`class_weight` must be a dict-like mapping of class indices to weights. Received: class_weight=None");
        Shape shape = y.shape();
        if (shape.rank() == 0) throw new IllegalArgumentException("`class_weight` needs labels with a batch dimension. Received: y.shape=" + shape);
        int n = shape.dim(0);
        boolean oneHot = shape.rank() > 1 && shape.dim(-1) != 1;
        int perSample = n == 0 ? 0 : y.size() / n;
        int width = oneHot ? shape.dim(-1) : 1;
        if (perSample != width) {
            // Keras fails here too: it looks up one class per sample.
            throw new IllegalArgumentException("`class_weight` needs one label per sample (class indices or one-hot rows). "
                    + "Received: y.shape=" + shape);
        }
        float[] weights = new float[n];
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
            int label;
            if (oneHot) {
                int best = 0;
                double max = y.getDouble(i * width);
                for (int k = 1; k < width; k++) {
                    double v = y.getDouble(i * width + k);
                    if (v > max) { max = v; best = k; }
                }
                label = best;
            } else {
                label = (int) Math.rint(y.getDouble(i));
            }
            seen.add(label);
            Double w = classWeight.get(label);
            weights[i] = w == null ? 1f : w.floatValue();
        }
        java.util.SortedSet<Integer> absent = absentClasses(classWeight, seen);
        if (!absent.isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "`class_weight` has weights for classes " + absent
                    + " that no label has; they have no effect. Classes in the labels: " + new java.util.TreeSet<>(seen));
        }
        return Tensor.wrap(weights, Shape.of(n));
    }

    /** The classes of {@code classWeight} that are not among {@code labels}, in order. */
    static java.util.SortedSet<Integer> absentClasses(Map<Integer, Double> classWeight, java.util.Set<Integer> labels) {
        java.util.SortedSet<Integer> absent = new java.util.TreeSet<>(classWeight.keySet());
        absent.removeAll(labels);
        return absent;
    }
}
