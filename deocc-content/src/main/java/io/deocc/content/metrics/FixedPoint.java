package io.deocc.content.metrics;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;

/**
 * Per-instance scores are summed as fixed-point longs (units of 2<sup>-32</sup>) rather than doubles:
 * integer addition is associative, so a sum does not depend on the order in which instances were
 * added or accumulators merged, and a parallel evaluation reports exactly what a sequential one does.
 * Rounding costs at most 2<sup>-33</sup> (about 1.2e-10) per instance.
 */
final class FixedPoint {
    private static final double SCALE = 0x1p32;

    private FixedPoint() {}

    static long of(double value) {
        return Math.round(value * SCALE);
    }

    static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException overflow) {
            throw new DeoccException(ErrorCode.INTERNAL,
                    "a metric sum overflowed after millions of instances: split the evaluation into smaller sets");
        }
    }

    static double mean(long sum, long count) {
        return sum / SCALE / count;
    }
}
