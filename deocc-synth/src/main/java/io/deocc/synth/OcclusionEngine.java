package io.deocc.synth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The one occlusion implementation behind both synthetic scenes and {@link Occlusions}: picks a
 * hidden share, slides occluders along their paths until they hide it, paints them, and makes the
 * segmenter-like mask.
 *
 * <p>Sliding is what makes a requested share reachable: as an occluder moves in from outside the
 * person, the hidden area grows from zero, so a coarse scan finds the first position past the goal
 * and a bisection between it and the previous position lands within about half a pixel of motion.
 */
final class OcclusionEngine {
    /** Attempts with random occluders before the full-width wall that always reaches the goal. */
    private static final int ATTEMPTS = 8;
    /** The band a synthetic sample aims inside when a visible ratio is requested (inside the public tolerance). */
    private static final double INNER_TOLERANCE = 0.02;

    /** The painted image, the occluder mask, the segmenter-like mask, and the kinds used. */
    record Result(int[] pixels, boolean[] occluder, boolean[] segmenterMask, Set<OccluderKind> kinds) {}

    private OcclusionEngine() {}

    /**
     * Occludes the person {@code amodal} in a copy of {@code pixels}. {@code rich} turns on
     * anti-aliased, shaded occluders (the simple preset paints them flat).
     */
    static Result occlude(int[] pixels, boolean[] amodal, int width, int height, SplittableRandom rnd, OcclusionSettings settings,
            Set<PoseFamily> poses, boolean rich) {
        int[] out = pixels.clone();
        int area = SegmenterNoise.count(amodal);
        Occluders.PersonBox box = boxOf(amodal, width, height);
        double goal;
        double low;
        double high;
        if (settings.targetVisibleRatio().isPresent()) {
            goal = 1 - settings.targetVisibleRatio().getAsDouble();
            low = goal - INNER_TOLERANCE;
            high = goal + INNER_TOLERANCE;
        } else {
            goal = PersonFigure.uniform(rnd, settings.minHidden(), settings.maxHidden());
            low = settings.minHidden();
            high = settings.maxHidden();
        }
        List<OccluderKind> kinds = new ArrayList<>();
        for (OccluderKind kind : settings.kinds()) {
            if (kind != OccluderKind.BORDER) {
                kinds.add(kind);
            }
        }
        int count = 1;
        while (count < settings.maxOccluders() && rnd.nextDouble() < 0.35) {
            count++;
        }

        boolean[] occluder = new boolean[amodal.length];
        boolean[] hidden = new boolean[amodal.length];
        int hiddenCount = 0;
        Set<OccluderKind> used = EnumSet.noneOf(OccluderKind.class);
        for (int j = 0; j < count; j++) {
            boolean last = j == count - 1;
            double subGoal = last ? goal : goal * (j + 1) / count * PersonFigure.uniform(rnd, 0.5, 0.9);
            int want = (int) Math.round(subGoal * area) - hiddenCount;
            boolean placed = false;
            for (int attempt = 0; attempt < ATTEMPTS && !placed && want > 0; attempt++) {
                OccluderKind kind = kinds.get(rnd.nextInt(kinds.size()));
                Occluders.Sprite sprite = Occluders.create(kind, rnd, box, width, height, 1 + 0.35 * attempt, rich,
                        settings.cutouts(), poses);
                int[] at = sweep(sprite, amodal, hidden, width, height, box, want, (int) Math.floor(high * area) - hiddenCount);
                double share = (hiddenCount + at[2]) / (double) area;
                boolean ok = last ? share >= low && share <= high : at[2] > 0 && share <= goal - 0.03;
                if (ok) {
                    hiddenCount += paint(sprite.canvas(), at[0], at[1], out, occluder, hidden, amodal, width, height);
                    used.add(kind);
                    placed = true;
                }
            }
            if (last && !placed) {
                Occluders.Sprite wall = Occluders.fallbackWall(rnd, box, width, height, rich);
                int[] at = sweep(wall, amodal, hidden, width, height, box, Math.max(1, (int) Math.round(goal * area) - hiddenCount),
                        (int) Math.floor(high * area) - hiddenCount);
                hiddenCount += paint(wall.canvas(), at[0], at[1], out, occluder, hidden, amodal, width, height);
                used.add(OccluderKind.WALL);
            }
        }

        boolean[] visible = new boolean[amodal.length];
        for (int i = 0; i < visible.length; i++) {
            visible[i] = amodal[i] && !occluder[i];
        }
        boolean[] segmenter = settings.segmenterNoise() ? SegmenterNoise.degrade(visible, occluder, width, height, rnd) : visible;
        return new Result(out, occluder, segmenter, used);
    }

    /**
     * Slides the sprite along its path and returns {@code {left, top, newlyHidden}} for the position
     * whose newly hidden count is closest to {@code want} around the first crossing, never above
     * {@code limit} unless nothing else is found (or the most hiding position when the sprite never
     * hides {@code want}).
     */
    static int[] sweep(Occluders.Sprite sprite, boolean[] amodal, boolean[] hidden, int width, int height, Occluders.PersonBox box,
            int want, int limit) {
        Canvas c = sprite.canvas();
        double dx = sprite.dirX();
        double dy = sprite.dirY();
        double norm = Math.hypot(dx, dy);
        dx /= norm;
        dy /= norm;
        double offAim = Math.hypot(sprite.aimX() - box.centreX(), sprite.aimY() - box.centreY());
        double half = (Math.abs(dx) * (box.width() + c.width) + Math.abs(dy) * (box.height() + c.height)) / 2 + offAim + 2;
        double step = Math.max(1, Math.min(box.width(), box.height()) / 25.0);
        double prevT = -1;
        int[] best = null;
        for (double t = 0; t <= 2 * half; t += step) {
            int[] here = hiddenAt(c, sprite, dx, dy, half, t, amodal, hidden, width, height, box);
            if (best == null || here[2] > best[2]) {
                best = here;
            }
            if (here[2] >= want) {
                double lo = Math.max(0, prevT);
                double hi = t;
                int[] atLo = hiddenAt(c, sprite, dx, dy, half, lo, amodal, hidden, width, height, box);
                int[] atHi = here;
                while (hi - lo > 0.4) {
                    double mid = (lo + hi) / 2;
                    int[] atMid = hiddenAt(c, sprite, dx, dy, half, mid, amodal, hidden, width, height, box);
                    if (atMid[2] >= want) {
                        hi = mid;
                        atHi = atMid;
                    } else {
                        lo = mid;
                        atLo = atMid;
                    }
                }
                boolean hiFits = atHi[2] <= limit;
                return !hiFits || Math.abs(atLo[2] - want) < Math.abs(atHi[2] - want) ? atLo : atHi;
            }
            prevT = t;
        }
        return best;
    }

    private static int[] hiddenAt(Canvas c, Occluders.Sprite sprite, double dx, double dy, double half, double t, boolean[] amodal,
            boolean[] hidden, int width, int height, Occluders.PersonBox box) {
        double cx = sprite.aimX() + (t - half) * dx;
        double cy = sprite.aimY() + (t - half) * dy;
        int left = (int) Math.round(cx - c.width / 2.0);
        int top = (int) Math.round(cy - c.height / 2.0);
        int x0 = Math.max(Math.max(left, box.x()), 0);
        int y0 = Math.max(Math.max(top, box.y()), 0);
        int x1 = Math.min(Math.min(left + c.width, box.x() + box.width()), width);
        int y1 = Math.min(Math.min(top + c.height, box.y() + box.height()), height);
        int n = 0;
        for (int y = y0; y < y1; y++) {
            int row = y * width;
            int local = (y - top) * c.width - left;
            for (int x = x0; x < x1; x++) {
                int i = row + x;
                if (amodal[i] && !hidden[i] && c.labels[local + x] != 0) {
                    n++;
                }
            }
        }
        return new int[] {left, top, n};
    }

    /** Paints the sprite's solid pixels at ({@code left}, {@code top}); returns how many person pixels it newly hides. */
    private static int paint(Canvas c, int left, int top, int[] pixels, boolean[] occluder, boolean[] hidden, boolean[] amodal,
            int width, int height) {
        int added = 0;
        for (int y = Math.max(0, top); y < Math.min(height, top + c.height); y++) {
            for (int x = Math.max(0, left); x < Math.min(width, left + c.width); x++) {
                int local = (y - top) * c.width + (x - left);
                if (c.labels[local] == 0) {
                    continue;
                }
                int i = y * width + x;
                // only solid pixels are painted, so the image changes exactly inside the occluder mask
                pixels[i] = c.blend(pixels[i], local, c.alpha[local]);
                occluder[i] = true;
                if (amodal[i] && !hidden[i]) {
                    hidden[i] = true;
                    added++;
                }
            }
        }
        return added;
    }

    static Occluders.PersonBox boxOf(boolean[] mask, int width, int height) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new Occluders.PersonBox(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }
}
