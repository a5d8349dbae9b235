package io.deocc.synth;

import java.util.SplittableRandom;

/**
 * Degrades a visible mask the way an instance segmenter's output differs from the truth: the
 * whole mask a little too fat or too thin, a boundary that wanders (locally grown or shrunk along
 * smooth noise), small holes, and bleeding into the occluder next to the person. The result keeps
 * an IoU of at least {@value #MIN_IOU} with the truth and differs from it in at least one pixel.
 */
final class SegmenterNoise {
    static final double MIN_IOU = 0.75;

    private SegmenterNoise() {}

    static boolean[] degrade(boolean[] visible, boolean[] occluder, int width, int height, SplittableRandom rnd) {
        // work on the person's neighbourhood only: every change lies within a few radii of the visible mask
        Occluders.PersonBox box = OcclusionEngine.boxOf(visible, width, height);
        int pad = (int) Math.max(1, Math.round(Math.sqrt(count(visible)) / 40)) * 5 + 4;
        int x0 = Math.max(0, box.x() - pad);
        int y0 = Math.max(0, box.y() - pad);
        int cw = Math.min(width, box.x() + box.width() + pad) - x0;
        int ch = Math.min(height, box.y() + box.height() + pad) - y0;
        boolean[] cropVisible = new boolean[cw * ch];
        boolean[] cropOccluder = new boolean[cw * ch];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(visible, (y + y0) * width + x0, cropVisible, y * cw, cw);
            System.arraycopy(occluder, (y + y0) * width + x0, cropOccluder, y * cw, cw);
        }
        boolean[] noisyCrop = degradeCrop(cropVisible, cropOccluder, cw, ch, rnd);
        boolean[] out = new boolean[visible.length];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(noisyCrop, y * cw, out, (y + y0) * width + x0, cw);
        }
        return out;
    }

    private static boolean[] degradeCrop(boolean[] visible, boolean[] occluder, int width, int height, SplittableRandom rnd) {
        int area = count(visible);
        double size = Math.sqrt(area);
        int base = (int) Math.max(1, Math.round(size / 40));
        for (int attempt = 0; attempt < 4; attempt++) {
            double mild = 1.0 / (1 << attempt);
            boolean[] out = noisy(visible, occluder, width, height, rnd, base, mild, size);
            int union = 0;
            int inter = 0;
            boolean differs = false;
            for (int i = 0; i < out.length; i++) {
                if (out[i] || visible[i]) {
                    union++;
                }
                if (out[i] && visible[i]) {
                    inter++;
                }
                differs |= out[i] != visible[i];
            }
            if (differs && inter > 0 && inter >= MIN_IOU * union) {
                return out;
            }
        }
        return growOnePixel(visible, width, height);
    }

    private static boolean[] noisy(boolean[] visible, boolean[] occluder, int width, int height, SplittableRandom rnd,
            int base, double mild, double size) {
        int global = (int) Math.round(base * mild * rnd.nextDouble() * 1.5);
        double op = rnd.nextDouble();
        boolean[] m = op < 0.35 ? Morphology.dilate(visible, width, height, global)
                : (op < 0.7 ? Morphology.erode(visible, width, height, global) : visible.clone());

        // boundary jitter: grow where smooth noise is high, shrink where it is low
        int r = (int) Math.max(1, Math.round(base * mild * PersonFigure.uniform(rnd, 0.8, 2.0)));
        float[] field = ValueNoise.field(width, height, Math.max(4, size * PersonFigure.uniform(rnd, 0.15, 0.35)), rnd.nextLong());
        boolean[] grown = Morphology.dilate(m, width, height, r);
        boolean[] shrunk = Morphology.erode(m, width, height, r);
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < out.length; i++) {
            float n = field[i];
            out[i] = n > 0.3f ? grown[i] : (n < -0.3f ? shrunk[i] : m[i]);
        }

        // bleeding into the occluder where it touches the person
        if (rnd.nextDouble() < 0.6) {
            int reach = (int) Math.max(1, Math.round(base * mild * PersonFigure.uniform(rnd, 1.5, 4)));
            boolean[] band = Morphology.dilate(visible, width, height, reach);
            float[] gate = ValueNoise.field(width, height, Math.max(4, size * 0.25), rnd.nextLong());
            for (int i = 0; i < out.length; i++) {
                if (band[i] && occluder[i] && gate[i] > 0) {
                    out[i] = true;
                }
            }
        }

        // a few small holes inside the person
        int holes = rnd.nextInt(4);
        for (int k = 0; k < holes; k++) {
            int start = rnd.nextInt(out.length);
            int at = -1;
            for (int step = 0; step < out.length; step++) {
                int i = (start + step) % out.length;
                if (visible[i]) {
                    at = i;
                    break;
                }
            }
            if (at < 0) {
                break;
            }
            double radius = Math.max(1, base * mild * PersonFigure.uniform(rnd, 0.6, 1.6));
            int cx = at % width;
            int cy = at / width;
            int ri = (int) Math.ceil(radius);
            for (int y = Math.max(0, cy - ri); y <= Math.min(height - 1, cy + ri); y++) {
                for (int x = Math.max(0, cx - ri); x <= Math.min(width - 1, cx + ri); x++) {
                    double dx = x - cx;
                    double dy = y - cy;
                    if (dx * dx + dy * dy <= radius * radius) {
                        out[y * width + x] = false;
                    }
                }
            }
        }
        return out;
    }

    /** The last resort for tiny masks: the truth plus one neighbouring pixel. */
    private static boolean[] growOnePixel(boolean[] visible, int width, int height) {
        boolean[] out = visible.clone();
        for (int i = 0; i < visible.length; i++) {
            if (!visible[i]) {
                int x = i % width;
                int y = i / width;
                boolean touches = x > 0 && visible[i - 1] || x < width - 1 && visible[i + 1]
                        || y > 0 && visible[i - width] || y < height - 1 && visible[i + width];
                if (touches) {
                    out[i] = true;
                    return out;
                }
            }
        }
        return out; // the visible mask fills the image: nothing to add
    }

    static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            if (b) {
                n++;
            }
        }
        return n;
    }
}
