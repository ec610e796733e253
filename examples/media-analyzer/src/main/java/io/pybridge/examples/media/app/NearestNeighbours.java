package io.pybridge.examples.media.app;

import java.util.ArrayList;
import java.util.List;

/** Links each embedded file to its most similar other file of the same kind (cosine of unit vectors). */
final class NearestNeighbours {
    private NearestNeighbours() {
    }

    static List<FileResult> link(List<FileResult> results) {
        List<FileResult> linked = new ArrayList<>(results.size());
        for (FileResult result : results) {
            FileResult best = null;
            double bestSimilarity = -2;
            for (FileResult other : results) {
                if (other == result || other.kind() != result.kind() || other.embedding().length != result.embedding().length
                        || result.embedding().length == 0) {
                    continue;
                }
                double similarity = dot(result.embedding(), other.embedding());
                if (similarity > bestSimilarity) {
                    bestSimilarity = similarity;
                    best = other;
                }
            }
            linked.add(best == null ? result : result.withNearest(best.path(), bestSimilarity));
        }
        return linked;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
