package org.signaltracker.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GammaSamplerTest {

    @ParameterizedTest
    @CsvSource({"0.2, 100", "1.0, 2.0", "5.0, 0.5"})
    void meanAndVarianceMatchTheDistribution(double shape, double scale) {
        GammaSampler gamma = new GammaSampler(shape, scale, new SplittableRandom(7));
        int n = 400_000;
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double x = gamma.sample();
            assertTrue(x >= 0);
            sum += x;
            sumSquares += x * x;
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        assertEquals(shape * scale, mean, shape * scale * 0.03, "mean");
        assertEquals(shape * scale * scale, variance, shape * scale * scale * 0.08, "variance");
    }

    @ParameterizedTest
    @CsvSource({"0.2, 100, 10000"})
    void torrentChoiceIsSkewedAndInRange(double shape, double scale, int torrents) {
        GammaSampler gamma = new GammaSampler(shape, scale, new SplittableRandom(3));
        int[] hits = new int[torrents];
        for (int i = 0; i < 100_000; i++) {
            hits[gamma.torrent(torrents)]++;
        }
        // With shape 0.2 most samples fall below 1: torrent 0 is by far the most popular, as in aquatic's test.
        assertTrue(hits[0] > 30_000, "torrent 0 got " + hits[0]);
        assertTrue(hits[500] < 100, "a tail torrent got " + hits[500]);
    }
}
