package io.deocc.synth;

/** Binary dilation and erosion with a square of side {@code 2r + 1}, in linear time (running counts). */
final class Morphology {
    private Morphology() {}

    static boolean[] dilate(boolean[] mask, int width, int height, int r) {
        if (r <= 0) {
            return mask.clone();
        }
        boolean[] rows = new boolean[mask.length];
        for (int y = 0; y < height; y++) {
            int base = y * width;
            int count = 0;
            for (int x = 0; x < Math.min(r, width); x++) {
                count += mask[base + x] ? 1 : 0;
            }
            for (int x = 0; x < width; x++) {
                int enter = x + r;
                if (enter < width && mask[base + enter]) {
                    count++;
                }
                int leave = x - r - 1;
                if (leave >= 0 && mask[base + leave]) {
                    count--;
                }
                rows[base + x] = count > 0;
            }
        }
        boolean[] out = new boolean[mask.length];
        for (int x = 0; x < width; x++) {
            int count = 0;
            for (int y = 0; y < Math.min(r, height); y++) {
                count += rows[y * width + x] ? 1 : 0;
            }
            for (int y = 0; y < height; y++) {
                int enter = y + r;
                if (enter < height && rows[enter * width + x]) {
                    count++;
                }
                int leave = y - r - 1;
                if (leave >= 0 && rows[leave * width + x]) {
                    count--;
                }
                out[y * width + x] = count > 0;
            }
        }
        return out;
    }

    static boolean[] erode(boolean[] mask, int width, int height, int r) {
        if (r <= 0) {
            return mask.clone();
        }
        boolean[] inverse = new boolean[mask.length];
        for (int i = 0; i < mask.length; i++) {
            inverse[i] = !mask[i];
        }
        boolean[] grown = dilate(inverse, width, height, r);
        for (int i = 0; i < grown.length; i++) {
            grown[i] = !grown[i];
        }
        return grown;
    }
}
