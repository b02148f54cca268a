package io.keras4j.datasets;

import io.keras4j.tensor.Tensor;

import java.util.List;

/**
 * What the text loaders ({@link Imdb}, {@link Reuters}) return: each review or newswire is a
 * sequence of word indices of its own length, so {@code x} is a list of {@code int[]} (Keras: a
 * numpy object array of lists); the labels are a tensor. The lists are unmodifiable.
 */
public record SequenceSplit(List<int[]> xTrain, Tensor yTrain, List<int[]> xTest, Tensor yTest) {
    public SequenceSplit {
        xTrain = List.copyOf(xTrain);
        xTest = List.copyOf(xTest);
    }
}
