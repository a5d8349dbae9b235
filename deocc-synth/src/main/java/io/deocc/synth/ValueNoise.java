package io.deocc.synth;

/** Smooth value noise in [-1, 1]: random values on an integer lattice, smoothly interpolated. A pure function. */
final class ValueNoise {
    private ValueNoise() {}

    static double at(double x, double y, long salt) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        int ix = (int) fx;
        int iy = (int) fy;
        double tx = x - fx;
        double ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = lattice(ix, iy, salt);
        double b = lattice(ix + 1, iy, salt);
        double c = lattice(ix, iy + 1, salt);
        double d = lattice(ix + 1, iy + 1, salt);
        double top = a + (b - a) * tx;
        double bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /** Two octaves, still in [-1, 1]. */
    static double fractal(double x, double y, long salt) {
        return (at(x, y, salt) * 2 + at(x * 2.03, y * 2.03, salt ^ 0x5DEECE66DL)) / 3;
    }

    static double lattice(int x, int y, long salt) {
        long z = salt + x * 0x9E3779B97F4A7C15L + y * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        z ^= z >>> 33;
        return ((z >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    /**
     * The noise of {@link #at} with lattice spacing {@code cell} pixels, sampled at every pixel
     * centre of a {@code width} x {@code height} raster; hashes each lattice point once, which is
     * much cheaper than calling {@link #at} per pixel.
     */
    static float[] field(int width, int height, double cell, long salt) {
        int gw = (int) Math.ceil(width / cell) + 2;
        int gh = (int) Math.ceil(height / cell) + 2;
        float[] grid = new float[gw * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < gw; i++) {
                grid[j * gw + i] = (float) lattice(i, j, salt);
            }
        }
        float[] out = new float[width * height];
        double[] tx = new double[width];
        int[] ix = new int[width];
        for (int x = 0; x < width; x++) {
            double u = (x + 0.5) / cell;
            ix[x] = (int) u;
            double t = u - ix[x];
            tx[x] = t * t * (3 - 2 * t);
        }
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / cell;
            int iy = (int) v;
            double ty = v - iy;
            ty = ty * ty * (3 - 2 * ty);
            int r0 = iy * gw;
            int r1 = r0 + gw;
            for (int x = 0; x < width; x++) {
                int i = ix[x];
                double top = grid[r0 + i] + (grid[r0 + i + 1] - grid[r0 + i]) * tx[x];
                double bottom = grid[r1 + i] + (grid[r1 + i + 1] - grid[r1 + i]) * tx[x];
                out[y * width + x] = (float) (top + (bottom - top) * ty);
            }
        }
        return out;
    }
}
