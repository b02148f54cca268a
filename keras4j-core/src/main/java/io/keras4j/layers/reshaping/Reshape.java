package io.keras4j.layers.reshaping;

import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reshapes each sample to {@code targetShape} (one entry may be -1, inferred), as Keras's {@code Reshape}. */
public final class Reshape extends Layer {
    private final int[] targetShape;

    public Reshape(int... targetShape) {
        int unknown = 0;
        for (int d : targetShape) {
            if (d == -1) unknown++;
            else if (d <= 0) throw new IllegalArgumentException("Invalid value in `target_shape`: " + d + ". Received: target_shape=" + Shape.of(targetShape));
        }
        if (unknown > 1) throw new IllegalArgumentException("There must be at most one unknown dimension (-1) in target_shape. Received: target_shape=" + Shape.of(targetShape));
        this.targetShape = targetShape.clone();
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Shape out = computeOutputShape(inputs.shape());
        return Ops.reshape(inputs, out);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        int[] d = new int[targetShape.length + 1];
        d[0] = inputShape.dim(0);
        System.arraycopy(targetShape, 0, d, 1, targetShape.length);
        int known = 1, unknownAt = -1;
        for (int i = 1; i < d.length; i++) {
            if (d[i] == -1) unknownAt = i;
            else known *= d[i];
        }
        int inSize = 1;
        boolean inKnown = true;
        for (int i = 1; i < inputShape.rank(); i++) {
            if (inputShape.dim(i) == Shape.UNKNOWN) inKnown = false;
            else inSize *= inputShape.dim(i);
        }
        if (inKnown) {
            if (unknownAt >= 0) {
                if (inSize % known != 0) throw incompatible(inputShape);
                d[unknownAt] = inSize / known;
            } else if (inSize != known) {
                throw incompatible(inputShape);
            }
        }
        return Shape.of(d);
    }

    private IllegalArgumentException incompatible(Shape inputShape) {
        return new IllegalArgumentException("The total size of the tensor must be unchanged. Received: input_shape=" + inputShape.dropFirst()
                + ", target_shape=" + Shape.of(targetShape));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Object> t = new ArrayList<>();
        for (int d : targetShape) t.add(d);
        c.put("target_shape", t);
        return c;
    }
}
