package org.signaltracker.bench.load;

import java.util.SplittableRandom;

/**
 * Samples Gamma(shape, scale) with the Marsaglia–Tsang method (boosted for shape below 1), the skewed
 * popularity model of aquatic's load test: a few torrents get most announces. Not thread-safe.
 */
public final class GammaSampler {

    private final double shape;
    private final double scale;
    private final SplittableRandom random;

    public GammaSampler(double shape, double scale, SplittableRandom random) {
        this.shape = shape;
        this.scale = scale;
        this.random = random;
    }

    public double sample() {
        if (shape < 1) {
            // Gamma(a) = Gamma(a + 1) * U^(1/a) for a < 1.
            return sampleAtLeastOne(shape + 1) * Math.pow(random.nextDouble(), 1.0 / shape) * scale;
        }
        return sampleAtLeastOne(shape) * scale;
    }

    private double sampleAtLeastOne(double a) {
        double d = a - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
        return d; // unreachable in practice: acceptance is above 95% per attempt
    }

    private double normal() {
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A torrent index in [0, torrents): the floor of a sample, folded into range. */
    public int torrent(int torrents) {
        return (int) (((long) sample()) % torrents);
    }
}
