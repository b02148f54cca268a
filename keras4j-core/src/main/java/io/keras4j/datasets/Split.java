package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;

/**
 * What a Keras loader returns, {@code (x_train, y_train), (x_test, y_test)}, as one value.
 *
 * <p>Keras gives image pixels and labels as numpy {@code uint8}; keras4j has no unsigned byte type,
 * so they come as {@code int32} tensors holding the same values (0 to 255), in Keras's shapes
 * ({@code (60000, 28, 28)}, {@code (50000, 32, 32, 3)}, ...). Divide by 255 in float32 before
 * training, as the Keras examples do with {@code x.astype("float32") / 255}.
 */
public record Split(Tensor xTrain, Tensor yTrain, Tensor xTest, Tensor yTest) {}
