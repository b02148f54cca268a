package io.keras4j.layers.reshaping;

import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

/** Cropping and zero padding of the spatial axes, shared by the 1D/2D/3D layers. */
final class SpatialEdges {
    private SpatialEdges() {}

    static Tensor pad(Tensor x, int[] axes, int[][] pairs) {
        int[][] widths = new int[x.rank()][2];
        for (int i = 0; i < axes.length; i++) widths[axes[i]] = pairs[i].clone();
        return Ops.pad(x, widths);
    }

    static Tensor crop(Tensor x, int[] axes, int[][] pairs) {
        int[] begin = new int[x.rank()];
        int[] size = x.shape().dims();
        for (int i = 0; i < axes.length; i++) {
            begin[axes[i]] = pairs[i][0];
            size[axes[i]] -= pairs[i][0] + pairs[i][1];
        }
        return Ops.slice(x, begin, size);
    }

    /** Whether some known spatial axis is not longer than what is cropped from it (Keras refuses an empty result). */
    static boolean cropsTooMuch(Shape s, int[] axes, int[][] pairs) {
        for (int i = 0; i < axes.length; i++) {
            int d = s.dim(axes[i]);
            if (d != Shape.UNKNOWN && pairs[i][0] + pairs[i][1] >= d) return true;
        }
        return false;
    }

    static Shape cropShape(Shape s, int[] axes, int[][] pairs) {
        int[] delta = new int[axes.length];
        for (int i = 0; i < axes.length; i++) delta[i] = -(pairs[i][0] + pairs[i][1]);
        return ArgumentValidation.grow(s, axes, delta);
    }

    static Shape padShape(Shape s, int[] axes, int[][] pairs) {
        int[] delta = new int[axes.length];
        for (int i = 0; i < axes.length; i++) delta[i] = pairs[i][0] + pairs[i][1];
        return ArgumentValidation.grow(s, axes, delta);
    }
}
