package io.deocc.mask.internal;

import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.mask.pose.PoseMaskBank;
import io.deocc.mask.region.ConnectedComponents;
import io.deocc.mask.region.ConnectedComponents.Connectivity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The algorithm of the {@code reference} completer: fits pose templates of the bank, each stretched
 * to a box, to a person's visible mask and adds the part of the fit the visible mask cannot explain.
 *
 * <p>Steps, for one person:
 * <ol>
 *   <li>A window reaching {@code max-scale − 1} times the visible box's longer side beyond the box
 *       on every side is cut into square cells of about 1/64 of that side; the search runs on
 *       cells, only the final mask on pixels.</li>
 *   <li>The background is modelled as a colour that changes linearly across the window, fitted by
 *       RANSAC to cells away from the person: the model that explains the most cells wins, so an
 *       occluder, even a large or striped one, does not pull it. Pixels that are neither visible
 *       person nor within a tolerance of that model are <em>possibly hidden</em> (an occluder, or
 *       person pixels the segmenter missed). When no model explains enough cells closely (a
 *       cluttered photo), no pixel is known to be background: the fit relies on shape alone.</li>
 *   <li>Each cell gets a weight: {@code +(1 + miss)} per visible pixel, {@code −background} per
 *       background pixel and {@code −hidden} per possibly hidden pixel ({@code hidden-weight},
 *       small). A template placed in a box scores the sum of its values times those weights: it
 *       earns what it covers of the visible mask, pays for visible pixels it misses, pays fully for
 *       background it claims and little for area an occluder may hide. Outside the image nothing is
 *       known, so nothing is paid: a body cut by the image border may go on beyond it. Without a
 *       background model a non-person pixel costs the mean of the two costs.</li>
 *   <li>Boxes are the visible box with its sides moved. In the coarse search (every template at
 *       16×16 against a grid of boxes) a side moves outwards only as far as bands beyond it hold
 *       possibly hidden pixels or lie outside the image; the best placements are then refined side
 *       by side at full template resolution, within {@code max-scale} outwards and up to 45% of
 *       the box inwards (a template whose arms hang fits a body better without the raised arm the
 *       visible mask shows; that arm stays visible anyway).</li>
 *   <li>The best five refined fits vote, weighted by how close their scores are to the best one.
 *       Pixels with a majority that are possibly hidden and connected to the visible mask are
 *       added to it; without a background model, parts thinner than 3% of the box are dropped
 *       first, since shape alone cannot tell a hidden limb from a template a little too wide. No
 *       visible pixel is ever removed.</li>
 * </ol>
 */
final class ReferenceMaskCompleterFit {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceMaskCompleterFit.class);

    /** Cells along the visible box's longer side. */
    private static final double CELLS_PER_BOX = 64;
    /** Template side used by the coarse search. */
    private static final int COARSE_SIZE = 16;
    /** Candidates kept from the coarse search for refinement. */
    private static final int REFINED = 12;
    /** Best fits blended into the result. */
    private static final int BLENDED = 5;
    /** Score gap, as a share of the visible area, at which a fit's vote falls to 1/e of the best's. */
    private static final double BLEND_SCALE = 0.15;
    /** Without a background fit, hidden parts thinner than this share of the box's longer side are dropped. */
    private static final double OPENING_SHARE = 0.03;
    /** How far refinement may move a side inwards, as a share of the visible box's side. */
    private static final double INWARD_LIMIT = 0.45;
    /** Slack for sides that cannot move far, as a fraction of the box's side. */
    private static final double SLACK = 0.04;
    /** Share of possibly hidden pixels in a band beyond a side that lets the side move further. */
    private static final double OPEN_SHARE = 0.1;
    /** A background fit whose typical cell error exceeds this (RGB distance) is not trusted. */
    private static final double MAX_BACKGROUND_ERROR = 12;
    /** Pixel colour distance from the background fit that still counts as background. */
    private static final double BACKGROUND_TOLERANCE = 20;
    /** Random tries of the background fit. */
    private static final int RANSAC_ROUNDS = 60;
    /** Colour distance of a cell from a background hypothesis that still supports it. */
    private static final double INLIER_DISTANCE = 12;
    /** Least share of sampled cells the background must explain to be trusted. */
    private static final double MIN_BACKGROUND_SHARE = 0.25;
    /** Most cells sampled for the background fit. */
    private static final int MAX_BACKGROUND_SAMPLES = 4000;

    private final ReferenceMaskCompleterSettings settings;
    private final int fineSize;
    private final float[][] fine;
    private final int coarseSize;
    private final float[][] coarse;

    ReferenceMaskCompleterFit(PoseMaskBank bank, ReferenceMaskCompleterSettings settings) {
        this.settings = settings;
        this.fineSize = bank.size();
        this.fine = new float[bank.count()][];
        this.coarseSize = Math.min(COARSE_SIZE, fineSize);
        this.coarse = new float[bank.count()][];
        for (int k = 0; k < bank.count(); k++) {
            fine[k] = bank.values(k);
            coarse[k] = resize(fine[k], fineSize, coarseSize);
        }
    }

    /**
     * The image pixels the fit reads around a person's visible box: the search window of the class
     * comment, clipped to the image. Its size is what {@code limits.max-crop-pixels} bounds.
     */
    Box searchRegion(int imageWidth, int imageHeight, Box box) {
        double extent = (settings.maxScale() - 1) * Math.max(box.width(), box.height());
        int x0 = (int) Math.max(0, Math.floor(box.x() - extent));
        int y0 = (int) Math.max(0, Math.floor(box.y() - extent));
        int x1 = (int) Math.min(imageWidth, Math.ceil(box.maxX() + extent));
        int y1 = (int) Math.min(imageHeight, Math.ceil(box.maxY() + extent));
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    /** The amodal mask: {@code visible} plus the fitted template's hidden part. */
    BinaryMask complete(RgbImage image, BinaryMask visible, Box box) {
        Window window = new Window(image.width(), image.height(), box, settings.maxScale());
        int[] rgb = image.toArray();
        BackgroundFit background = settings.useImage() ? BackgroundFit.fit(window, rgb, visible) : null;
        if (background == null && settings.useImage()) {
            LOG.debug("no linear background explains the surroundings of person box {}: fitting shape alone", box);
        }
        double[] weights = window.weights(rgb, visible, background, settings);
        Integral integral = new Integral(weights, window.cols, window.rows);
        List<Placement> fits = search(window, integral);
        return paint(window, fits, visible, rgb, background, visible.area());
    }

    // ---- search -----------------------------------------------------------------------------------

    /** A template in a box, in cell coordinates: [x0, x1) × [y0, y1). */
    private record Placement(int template, double x0, double y0, double x1, double y1, double score) {}

    /** Where each box side may go during refinement, in cells. */
    private record Limits(double minX0, double maxX0, double minY0, double maxY0, double minX1, double maxX1, double minY1, double maxY1) {
        boolean allow(Placement p) {
            return p.x0() >= minX0 && p.x0() <= maxX0 && p.y0() >= minY0 && p.y0() <= maxY0 && p.x1() >= minX1 && p.x1() <= maxX1
                    && p.y1() >= minY1 && p.y1() <= maxY1 && p.x1() - p.x0() >= 1 && p.y1() - p.y0() >= 1;
        }
    }

    /** The refined placements, best first. */
    private List<Placement> search(Window window, Integral integral) {
        double boxX0 = window.toCellX(window.box.x());
        double boxX1 = window.toCellX(window.box.maxX());
        double boxY0 = window.toCellY(window.box.y());
        double boxY1 = window.toCellY(window.box.maxY());
        double width = boxX1 - boxX0;
        double height = boxY1 - boxY0;
        double maxExtX = (settings.maxScale() - 1) * Math.max(width, height);
        double maxExtY = maxExtX;
        double left = window.openDepth(Side.LEFT, boxX0, boxY0, boxX1, boxY1, maxExtX);
        double right = window.openDepth(Side.RIGHT, boxX0, boxY0, boxX1, boxY1, maxExtX);
        double top = window.openDepth(Side.TOP, boxX0, boxY0, boxX1, boxY1, maxExtY);
        double bottom = window.openDepth(Side.BOTTOM, boxX0, boxY0, boxX1, boxY1, maxExtY);
        int open = (left > SLACK * width ? 1 : 0) + (right > SLACK * width ? 1 : 0) + (top > SLACK * height ? 1 : 0)
                + (bottom > SLACK * height ? 1 : 0);
        int steps = switch (open) {
            case 0, 1 -> 12;
            case 2 -> 8;
            case 3 -> 6;
            default -> 5;
        };
        double[] leftMoves = moves(left, SLACK * width, steps);
        double[] rightMoves = moves(right, SLACK * width, steps);
        double[] topMoves = moves(top, SLACK * height, steps);
        double[] bottomMoves = moves(bottom, SLACK * height, steps);

        Placement[] kept = new Placement[REFINED];
        double[] cellSums = new double[coarseSize * coarseSize];
        for (double dl : leftMoves) {
            for (double dr : rightMoves) {
                for (double dt : topMoves) {
                    for (double db : bottomMoves) {
                        double x0 = boxX0 - dl;
                        double x1 = boxX1 + dr;
                        double y0 = boxY0 - dt;
                        double y1 = boxY1 + db;
                        if (x1 - x0 < 1 || y1 - y0 < 1) {
                            continue;
                        }
                        integral.cellSums(x0, y0, x1, y1, coarseSize, cellSums);
                        for (int k = 0; k < coarse.length; k++) {
                            double score = dot(coarse[k], cellSums);
                            keep(kept, new Placement(k, x0, y0, x1, y1, score));
                        }
                    }
                }
            }
        }
        double slackX = SLACK * width;
        double slackY = SLACK * height;
        // Refinement may take a side past the open depth (the band test is coarse), but not past max-scale.
        // Inwards a side may go far: a template without an outstretched visible arm fits better to
        // the body without it, and the arm stays visible anyway.
        double inX = INWARD_LIMIT * width;
        double inY = INWARD_LIMIT * height;
        Limits limits = new Limits(boxX0 - maxExtX - slackX, boxX0 + inX, boxY0 - maxExtY - slackY, boxY0 + inY,
                boxX1 - inX, boxX1 + maxExtX + slackX, boxY1 - inY, boxY1 + maxExtY + slackY);
        double step = Math.max(maxStep(leftMoves, rightMoves), maxStep(topMoves, bottomMoves)) / 2;
        double[] fineSums = new double[fineSize * fineSize];
        List<Placement> refined = new ArrayList<>();
        for (Placement candidate : kept) {
            if (candidate != null) {
                refined.add(refine(candidate, integral, fineSums, Math.max(step, 2.0), limits));
            }
        }
        refined.sort(Comparator.comparingDouble(Placement::score).reversed());
        return refined;
    }

    /** Coordinate descent on the four sides at full template resolution, halving the step. */
    private Placement refine(Placement start, Integral integral, double[] sums, double initialStep, Limits limits) {
        float[] template = fine[start.template()];
        Placement current = rescore(start, template, integral, sums);
        for (double step = initialStep; step >= 0.25; step /= 2) {
            boolean improved = true;
            while (improved) {
                improved = false;
                for (int side = 0; side < 4; side++) {
                    for (int sign = -1; sign <= 1; sign += 2) {
                        double d = sign * step;
                        Placement moved = new Placement(current.template(),
                                current.x0() + (side == 0 ? d : 0), current.y0() + (side == 1 ? d : 0),
                                current.x1() + (side == 2 ? d : 0), current.y1() + (side == 3 ? d : 0), 0);
                        if (!limits.allow(moved)) {
                            continue;
                        }
                        moved = rescore(moved, template, integral, sums);
                        if (moved.score() > current.score() + 1e-9) {
                            current = moved;
                            improved = true;
                        }
                    }
                }
            }
        }
        return current;
    }

    private Placement rescore(Placement p, float[] template, Integral integral, double[] sums) {
        integral.cellSums(p.x0(), p.y0(), p.x1(), p.y1(), fineSize, sums);
        return new Placement(p.template(), p.x0(), p.y0(), p.x1(), p.y1(), dot(template, sums));
    }

    /** Keeps the best placements, at most one per template, best first. */
    private static void keep(Placement[] kept, Placement candidate) {
        int last = kept.length - 1;
        for (int i = 0; i < kept.length; i++) {
            if (kept[i] != null && kept[i].template() == candidate.template()) {
                if (kept[i].score() >= candidate.score()) {
                    return;
                }
                // Replace this template's entry: drop it, then insert the candidate below.
                System.arraycopy(kept, i + 1, kept, i, last - i);
                kept[last] = null;
                break;
            }
        }
        if (kept[last] != null && kept[last].score() >= candidate.score()) {
            return;
        }
        int at = last;
        while (at > 0 && (kept[at - 1] == null || kept[at - 1].score() < candidate.score())) {
            at--;
        }
        System.arraycopy(kept, at, kept, at + 1, last - at);
        kept[at] = candidate;
    }

    /** Where the coarse search puts a side: in place, or up to {@code depth} outwards when open. */
    private static double[] moves(double depth, double slack, int steps) {
        if (depth <= slack) {
            // Refinement still nudges such a side by fractions of a cell.
            return new double[] {0};
        }
        double[] out = new double[steps];
        for (int i = 0; i < steps; i++) {
            out[i] = depth * i / (steps - 1);
        }
        return out;
    }

    private static double maxStep(double[] a, double[] b) {
        return Math.max(step(a), step(b));
    }

    private static double step(double[] moves) {
        return moves.length < 2 ? 0 : moves[1] - moves[0];
    }

    private static double dot(float[] template, double[] sums) {
        double s = 0;
        for (int i = 0; i < template.length; i++) {
            s += template[i] * sums[i];
        }
        return s;
    }

    // ---- output -----------------------------------------------------------------------------------

    /**
     * Adds the hidden part of a blend of the best fits: each fit's template votes with a weight that
     * falls off with its score's distance from the best, so one lucky template does not decide alone.
     */
    private BinaryMask paint(Window window, List<Placement> fits, BinaryMask visible, int[] rgb, BackgroundFit background, int visibleArea) {
        int width = window.imageWidth;
        int height = window.imageHeight;
        boolean[] amodal = visible.toArray();
        if (fits.isEmpty()) {
            return visible;
        }
        double best = fits.get(0).score();
        // Scores are in pixels; a fit worse by BLEND_SCALE of the visible area weighs 1/e as much.
        double temperature = Math.max(1, BLEND_SCALE * visibleArea);
        List<Placement> blend = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double total = 0;
        for (Placement fit : fits.subList(0, Math.min(BLENDED, fits.size()))) {
            double weight = Math.exp((fit.score() - best) / temperature);
            blend.add(fit);
            weights.add(weight);
            total += weight;
        }
        int xs = width;
        int xe = 0;
        int ys = height;
        int ye = 0;
        for (Placement fit : blend) {
            xs = Math.min(xs, Math.max(0, (int) Math.floor(window.toImageX(fit.x0()))));
            xe = Math.max(xe, Math.min(width, (int) Math.ceil(window.toImageX(fit.x1()))));
            ys = Math.min(ys, Math.max(0, (int) Math.floor(window.toImageY(fit.y0()))));
            ye = Math.max(ye, Math.min(height, (int) Math.ceil(window.toImageY(fit.y1()))));
        }
        if (xs >= xe || ys >= ye) {
            return visible;
        }
        float[] votes = new float[(xe - xs) * (ye - ys)];
        for (int f = 0; f < blend.size(); f++) {
            Placement fit = blend.get(f);
            float[] template = fine[fit.template()];
            double weight = weights.get(f) / total;
            double px0 = window.toImageX(fit.x0());
            double px1 = window.toImageX(fit.x1());
            double py0 = window.toImageY(fit.y0());
            double py1 = window.toImageY(fit.y1());
            int fx0 = Math.max(xs, (int) Math.floor(px0));
            int fx1 = Math.min(xe, (int) Math.ceil(px1));
            int fy0 = Math.max(ys, (int) Math.floor(py0));
            int fy1 = Math.min(ye, (int) Math.ceil(py1));
            for (int y = fy0; y < fy1; y++) {
                double cy = y + 0.5;
                if (cy < py0 || cy >= py1) {
                    continue;
                }
                double v = (cy - py0) / (py1 - py0) * fineSize - 0.5;
                for (int x = fx0; x < fx1; x++) {
                    double cx = x + 0.5;
                    if (cx < px0 || cx >= px1) {
                        continue;
                    }
                    double u = (cx - px0) / (px1 - px0) * fineSize - 0.5;
                    votes[(y - ys) * (xe - xs) + x - xs] += (float) (weight * sample(template, u, v));
                }
            }
        }
        boolean[] hidden = new boolean[width * height];
        boolean any = false;
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                int i = y * width + x;
                if (!amodal[i] && votes[(y - ys) * (xe - xs) + x - xs] >= 0.5f
                        && (background == null || !background.isBackground(rgb[i], x, y))) {
                    hidden[i] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return visible;
        }
        if (background == null) {
            // Shape alone cannot tell a hidden limb from a template that is a little too wide, so
            // drop every part thinner than a few percent of the box: what is left are hidden blobs.
            int radius = (int) Math.round(OPENING_SHARE * Math.max(window.box.width(), window.box.height()));
            if (radius > 0) {
                open(hidden, width, xs, xe, ys, ye, radius);
            }
        }
        // Only hidden area that touches the visible mask: a patch cut off by background is not this person.
        ConnectedComponents parts = ConnectedComponents.of(BinaryMask.of(width, height, hidden), Connectivity.EIGHT);
        boolean[] touching = new boolean[parts.count() + 1];
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                int i = y * width + x;
                if (hidden[i] && touches(amodal, x, y, width, height)) {
                    touching[parts.labelAt(i)] = true;
                }
            }
        }
        for (int i = 0; i < amodal.length; i++) {
            amodal[i] |= touching[parts.labelAt(i)];
        }
        return BinaryMask.of(width, height, amodal);
    }

    /** Morphological opening with a square of side {@code 2·radius + 1}, inside the given bounds. */
    private static void open(boolean[] mask, int width, int xs, int xe, int ys, int ye, int radius) {
        boolean[] eroded = filter(mask, width, xs, xe, ys, ye, radius, true);
        boolean[] opened = filter(eroded, width, xs, xe, ys, ye, radius, false);
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                mask[y * width + x] = opened[y * width + x];
            }
        }
    }

    /** A square erosion ({@code erode}) or dilation, separable, counting set pixels in a sliding window. */
    private static boolean[] filter(boolean[] mask, int width, int xs, int xe, int ys, int ye, int radius, boolean erode) {
        boolean[] rows = new boolean[mask.length];
        for (int y = ys; y < ye; y++) {
            slide(mask, rows, y * width, 1, xs, xe, radius, erode);
        }
        boolean[] out = new boolean[mask.length];
        for (int x = xs; x < xe; x++) {
            slide(rows, out, x, width, ys, ye, radius, erode);
        }
        return out;
    }

    /** One line of a separable filter: positions {@code from..to} at {@code base + p·stride}; outside counts as unset. */
    private static void slide(boolean[] in, boolean[] out, int base, int stride, int from, int to, int radius, boolean erode) {
        int window = 2 * radius + 1;
        int set = 0;
        for (int p = from - radius; p < to + radius; p++) {
            int entering = p + radius;
            if (entering >= from && entering < to && in[base + entering * stride]) {
                set++;
            }
            int leaving = p - radius - 1;
            if (leaving >= from && leaving < to && in[base + leaving * stride]) {
                set--;
            }
            if (p >= from && p < to) {
                out[base + p * stride] = erode ? set == window : set > 0;
            }
        }
    }

    private static boolean touches(boolean[] mask, int x, int y, int width, int height) {
        return (x > 0 && mask[y * width + x - 1]) || (x + 1 < width && mask[y * width + x + 1])
                || (y > 0 && mask[(y - 1) * width + x]) || (y + 1 < height && mask[(y + 1) * width + x]);
    }

    /** Bilinear sample of a square template, clamped at its edges. */
    private double sample(float[] template, double u, double v) {
        int n = fineSize;
        double cu = Math.max(0, Math.min(n - 1, u));
        double cv = Math.max(0, Math.min(n - 1, v));
        int u0 = (int) cu;
        int v0 = (int) cv;
        int u1 = Math.min(n - 1, u0 + 1);
        int v1 = Math.min(n - 1, v0 + 1);
        double wu = cu - u0;
        double wv = cv - v0;
        double top = template[v0 * n + u0] * (1 - wu) + template[v0 * n + u1] * wu;
        double bottom = template[v1 * n + u0] * (1 - wu) + template[v1 * n + u1] * wu;
        return top * (1 - wv) + bottom * wv;
    }

    /** Area-resamples a square grid of values to another side. */
    static float[] resize(float[] values, int from, int to) {
        if (from == to) {
            return values.clone();
        }
        double[] sums = new double[to * to];
        double[] weights = new double[to * to];
        // Each source pixel is split over the target cells it overlaps, in proportion to the overlap.
        for (int y = 0; y < from; y++) {
            for (int x = 0; x < from; x++) {
                double value = values[y * from + x];
                double ty0 = y * (double) to / from;
                double ty1 = (y + 1) * (double) to / from;
                double tx0 = x * (double) to / from;
                double tx1 = (x + 1) * (double) to / from;
                for (int ty = (int) ty0; ty < Math.min(to, Math.ceil(ty1)); ty++) {
                    double oy = Math.min(ty1, ty + 1) - Math.max(ty0, ty);
                    for (int tx = (int) tx0; tx < Math.min(to, Math.ceil(tx1)); tx++) {
                        double ox = Math.min(tx1, tx + 1) - Math.max(tx0, tx);
                        if (ox > 0 && oy > 0) {
                            sums[ty * to + tx] += value * ox * oy;
                            weights[ty * to + tx] += ox * oy;
                        }
                    }
                }
            }
        }
        float[] out = new float[to * to];
        for (int i = 0; i < out.length; i++) {
            out[i] = weights[i] == 0 ? 0f : (float) (sums[i] / weights[i]);
        }
        return out;
    }

    // ---- the cell grid ------------------------------------------------------------------------------

    private enum Side { LEFT, RIGHT, TOP, BOTTOM }

    /** The search window around the visible box, cut into square cells; it may reach past the image. */
    private static final class Window {
        final int imageWidth;
        final int imageHeight;
        final Box box;
        final double originX;
        final double originY;
        final double cell;
        final int cols;
        final int rows;
        /** Pixels of each cell inside the image, and of each kind. */
        final int[] inside;
        final int[] visibleCount;
        final int[] hiddenCount;
        final int[] backgroundCount;
        /** Pixels a cell would hold were the image unbounded. */
        final int[] fullX;
        final int[] fullY;

        Window(int imageWidth, int imageHeight, Box box, double maxScale) {
            this.imageWidth = imageWidth;
            this.imageHeight = imageHeight;
            this.box = box;
            int longer = Math.max(box.width(), box.height());
            this.cell = Math.max(1.0, longer / CELLS_PER_BOX);
            double extent = (maxScale - 1) * longer;
            this.originX = box.x() - extent;
            this.originY = box.y() - extent;
            this.cols = (int) Math.ceil((box.width() + 2 * extent) / cell);
            this.rows = (int) Math.ceil((box.height() + 2 * extent) / cell);
            this.inside = new int[cols * rows];
            this.visibleCount = new int[cols * rows];
            this.hiddenCount = new int[cols * rows];
            this.backgroundCount = new int[cols * rows];
            this.fullX = fullCounts(originX, cols);
            this.fullY = fullCounts(originY, rows);
        }

        /** For each cell column, how many integer pixel centres fall in it. */
        private int[] fullCounts(double origin, int n) {
            int[] counts = new int[n];
            int first = (int) Math.floor(origin);
            int last = (int) Math.ceil(origin + n * cell);
            for (int p = first; p <= last; p++) {
                int c = (int) Math.floor((p + 0.5 - origin) / cell);
                if (c >= 0 && c < n) {
                    counts[c]++;
                }
            }
            return counts;
        }

        double toCellX(double imageX) {
            return (imageX - originX) / cell;
        }

        double toCellY(double imageY) {
            return (imageY - originY) / cell;
        }

        double toImageX(double cellX) {
            return originX + cellX * cell;
        }

        double toImageY(double cellY) {
            return originY + cellY * cell;
        }

        int xStart() {
            return Math.max(0, (int) Math.floor(originX));
        }

        int xEnd() {
            return (int) Math.min(imageWidth, Math.ceil(originX + cols * cell));
        }

        int yStart() {
            return Math.max(0, (int) Math.floor(originY));
        }

        int yEnd() {
            return (int) Math.min(imageHeight, Math.ceil(originY + rows * cell));
        }

        int cellOfX(int x) {
            int c = (int) Math.floor((x + 0.5 - originX) / cell);
            return c >= 0 && c < cols ? c : -1;
        }

        int cellOfY(int y) {
            int r = (int) Math.floor((y + 0.5 - originY) / cell);
            return r >= 0 && r < rows ? r : -1;
        }

        /** Counts each cell's pixels by kind and turns them into search weights. */
        double[] weights(int[] rgb, BinaryMask visible, BackgroundFit background, ReferenceMaskCompleterSettings settings) {
            int[] colOf = new int[imageWidth];
            for (int x = 0; x < imageWidth; x++) {
                colOf[x] = cellOfX(x);
            }
            for (int y = yStart(); y < yEnd(); y++) {
                int r = cellOfY(y);
                if (r < 0) {
                    continue;
                }
                for (int x = xStart(); x < xEnd(); x++) {
                    int c = colOf[x];
                    if (c < 0) {
                        continue;
                    }
                    int cellIndex = r * cols + c;
                    int i = y * imageWidth + x;
                    inside[cellIndex]++;
                    if (visible.get(i)) {
                        visibleCount[cellIndex]++;
                    } else if (background != null && background.isBackground(rgb[i], x, y)) {
                        backgroundCount[cellIndex]++;
                    } else {
                        hiddenCount[cellIndex]++;
                    }
                }
            }
            double[] weights = new double[cols * rows];
            double reward = 1 + settings.missWeight();
            // Without a background fit a non-person pixel is background or hidden, as likely as not.
            double hiddenCost = background == null
                    ? (settings.backgroundWeight() + settings.hiddenWeight()) / 2
                    : settings.hiddenWeight();
            for (int i = 0; i < weights.length; i++) {
                weights[i] = reward * visibleCount[i] - settings.backgroundWeight() * backgroundCount[i] - hiddenCost * hiddenCount[i];
            }
            return weights;
        }

        /**
         * How far, in cells, a box side may move outwards: as far as bands beyond it keep holding
         * possibly hidden pixels or lie outside the image, at most {@code limit}.
         */
        double openDepth(Side side, double x0, double y0, double x1, double y1, double limit) {
            boolean horizontal = side == Side.LEFT || side == Side.RIGHT;
            // The band runs along the side, a quarter of the side's length wider at each end.
            double spanStart = horizontal ? y0 : x0;
            double spanEnd = horizontal ? y1 : x1;
            double margin = (spanEnd - spanStart) * 0.25;
            int from = (int) Math.floor(Math.max(0, spanStart - margin));
            int to = (int) Math.ceil(Math.min(horizontal ? rows : cols, spanEnd + margin));
            int steps = (int) Math.ceil(limit);
            for (int d = 0; d < steps; d++) {
                int line = switch (side) {
                    case LEFT -> (int) Math.floor(x0) - 1 - d;
                    case RIGHT -> (int) Math.ceil(x1) + d;
                    case TOP -> (int) Math.floor(y0) - 1 - d;
                    case BOTTOM -> (int) Math.ceil(y1) + d;
                };
                if (line < 0 || line >= (horizontal ? cols : rows)) {
                    return Math.min(limit, d);
                }
                long open = 0;
                long all = 0;
                for (int s = from; s < to; s++) {
                    int cellIndex = horizontal ? s * cols + line : line * cols + s;
                    int full = fullX[horizontal ? line : s] * fullY[horizontal ? s : line];
                    all += full;
                    open += hiddenCount[cellIndex] + (full - inside[cellIndex]);
                }
                if (all == 0 || open < OPEN_SHARE * all) {
                    return d;
                }
            }
            return limit;
        }
    }

    /** Prefix sums of cell weights, read at fractional cell coordinates. */
    private static final class Integral {
        private final double[] sums;
        private final int cols;
        private final int rows;

        Integral(double[] weights, int cols, int rows) {
            this.cols = cols;
            this.rows = rows;
            this.sums = new double[(cols + 1) * (rows + 1)];
            for (int r = 0; r < rows; r++) {
                double rowSum = 0;
                for (int c = 0; c < cols; c++) {
                    rowSum += weights[r * cols + c];
                    sums[(r + 1) * (cols + 1) + c + 1] = sums[r * (cols + 1) + c + 1] + rowSum;
                }
            }
        }

        /** Sum of weights over [0, x) × [0, y), spreading each cell's weight evenly over it. */
        double at(double x, double y) {
            double cx = Math.max(0, Math.min(cols, x));
            double cy = Math.max(0, Math.min(rows, y));
            int x0 = Math.min(cols - 1, (int) cx);
            int y0 = Math.min(rows - 1, (int) cy);
            double fx = cx - x0;
            double fy = cy - y0;
            int w = cols + 1;
            double s00 = sums[y0 * w + x0];
            double s10 = sums[y0 * w + x0 + 1];
            double s01 = sums[(y0 + 1) * w + x0];
            double s11 = sums[(y0 + 1) * w + x0 + 1];
            return s00 * (1 - fx) * (1 - fy) + s10 * fx * (1 - fy) + s01 * (1 - fx) * fy + s11 * fx * fy;
        }

        /** The weight under each cell of an {@code n × n} lattice laid over the box. */
        void cellSums(double x0, double y0, double x1, double y1, int n, double[] out) {
            double[] corners = new double[(n + 1) * (n + 1)];
            for (int j = 0; j <= n; j++) {
                double y = y0 + (y1 - y0) * j / n;
                for (int i = 0; i <= n; i++) {
                    corners[j * (n + 1) + i] = at(x0 + (x1 - x0) * i / n, y);
                }
            }
            for (int j = 0; j < n; j++) {
                for (int i = 0; i < n; i++) {
                    int a = j * (n + 1) + i;
                    out[j * n + i] = corners[a + n + 2] - corners[a + n + 1] - corners[a + 1] + corners[a];
                }
            }
        }
    }

    // ---- the background ---------------------------------------------------------------------------

    /**
     * A colour that changes linearly across the window, fitted to the cells away from the person by
     * trimmed least squares, so that an occluder covering part of the samples does not drag it.
     */
    static final class BackgroundFit {
        /** Per channel: value = a + b·x + c·y, x and y in image pixels. */
        private final double[][] coefficients;
        private final double tolerance;

        private BackgroundFit(double[][] coefficients, double tolerance) {
            this.coefficients = coefficients;
            this.tolerance = tolerance;
        }

        static BackgroundFit fit(Window window, int[] rgb, BinaryMask visible) {
            int cells = window.cols * window.rows;
            long[] sumR = new long[cells];
            long[] sumG = new long[cells];
            long[] sumB = new long[cells];
            int[] count = new int[cells];
            boolean[] nearPerson = new boolean[cells];
            int[] colOf = new int[window.imageWidth];
            for (int x = 0; x < window.imageWidth; x++) {
                colOf[x] = window.cellOfX(x);
            }
            for (int y = window.yStart(); y < window.yEnd(); y++) {
                int r = window.cellOfY(y);
                if (r < 0) {
                    continue;
                }
                for (int x = window.xStart(); x < window.xEnd(); x++) {
                    int c = colOf[x];
                    if (c < 0) {
                        continue;
                    }
                    int cellIndex = r * window.cols + c;
                    int i = y * window.imageWidth + x;
                    if (visible.get(i)) {
                        nearPerson[cellIndex] = true;
                    } else {
                        int p = rgb[i];
                        sumR[cellIndex] += (p >> 16) & 0xFF;
                        sumG[cellIndex] += (p >> 8) & 0xFF;
                        sumB[cellIndex] += p & 0xFF;
                        count[cellIndex]++;
                    }
                }
            }
            int stride = 1;
            while ((long) (window.cols / stride) * (window.rows / stride) > MAX_BACKGROUND_SAMPLES) {
                stride++;
            }
            int capacity = (window.cols / stride + 1) * (window.rows / stride + 1);
            double[] xs = new double[capacity];
            double[] ys = new double[capacity];
            double[][] colours = new double[3][capacity];
            int n = 0;
            for (int r = 0; r < window.rows; r += stride) {
                for (int c = 0; c < window.cols; c += stride) {
                    int cellIndex = r * window.cols + c;
                    if (count[cellIndex] == 0 || count[cellIndex] < window.fullX[c] * window.fullY[r] || personAround(nearPerson, window, c, r)) {
                        continue;
                    }
                    xs[n] = window.toImageX(c + 0.5);
                    ys[n] = window.toImageY(r + 0.5);
                    colours[0][n] = sumR[cellIndex] / (double) count[cellIndex];
                    colours[1][n] = sumG[cellIndex] / (double) count[cellIndex];
                    colours[2][n] = sumB[cellIndex] / (double) count[cellIndex];
                    n++;
                }
            }
            if (n < 8) {
                return null;
            }
            // RANSAC: the background is the linear colour field that explains the most samples; an
            // occluder, even a large one, explains fewer. Plain trimmed least squares can settle on
            // one stripe of a patterned occluder instead.
            SplittableRandom random = new SplittableRandom(0x5EEDL + n);
            boolean[] use = new boolean[n];
            boolean[] bestUse = null;
            int bestSupport = 0;
            for (int round = 0; round < RANSAC_ROUNDS; round++) {
                Arrays.fill(use, false);
                for (int pick = 0; pick < 3; pick++) {
                    use[random.nextInt(n)] = true;
                }
                double[][] model = solve(xs, ys, colours, use, n);
                // Two local refinements: refit on the inliers, count again.
                int support = 0;
                for (int refine = 0; refine < 3; refine++) {
                    support = 0;
                    for (int s = 0; s < n; s++) {
                        use[s] = residual(model, xs[s], ys[s], colours[0][s], colours[1][s], colours[2][s]) <= INLIER_DISTANCE;
                        if (use[s]) {
                            support++;
                        }
                    }
                    if (support < 3 || refine == 2) {
                        break;
                    }
                    model = solve(xs, ys, colours, use, n);
                }
                if (support > bestSupport) {
                    bestSupport = support;
                    bestUse = use.clone();
                }
            }
            if (bestUse == null || bestSupport < Math.max(8, MIN_BACKGROUND_SHARE * n)) {
                return null;
            }
            double[][] model = solve(xs, ys, colours, bestUse, n);
            double squares = 0;
            int used = 0;
            for (int s = 0; s < n; s++) {
                double r = residual(model, xs[s], ys[s], colours[0][s], colours[1][s], colours[2][s]);
                if (r <= INLIER_DISTANCE) {
                    squares += r * r;
                    used++;
                }
            }
            double error = Math.sqrt(squares / Math.max(1, used));
            if (error > MAX_BACKGROUND_ERROR) {
                return null;
            }
            return new BackgroundFit(model, BACKGROUND_TOLERANCE + 3 * error);
        }

        private static boolean personAround(boolean[] nearPerson, Window window, int c, int r) {
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int nc = c + dc;
                    int nr = r + dr;
                    if (nc >= 0 && nr >= 0 && nc < window.cols && nr < window.rows && nearPerson[nr * window.cols + nc]) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Least squares of value ~ a + b·x + c·y per channel over the used samples; a constant when degenerate. */
        private static double[][] solve(double[] xs, double[] ys, double[][] colours, boolean[] use, int n) {
            // Centre the coordinates so the normal equations stay well conditioned.
            double mx = 0;
            double my = 0;
            int m = 0;
            for (int s = 0; s < n; s++) {
                if (use[s]) {
                    mx += xs[s];
                    my += ys[s];
                    m++;
                }
            }
            mx /= m;
            my /= m;
            double sxx = 0;
            double sxy = 0;
            double syy = 0;
            double[] sx = new double[3];
            double[] sy = new double[3];
            double[] mean = new double[3];
            for (int s = 0; s < n; s++) {
                if (use[s]) {
                    for (int ch = 0; ch < 3; ch++) {
                        mean[ch] += colours[ch][s];
                    }
                }
            }
            for (int ch = 0; ch < 3; ch++) {
                mean[ch] /= m;
            }
            for (int s = 0; s < n; s++) {
                if (!use[s]) {
                    continue;
                }
                double dx = xs[s] - mx;
                double dy = ys[s] - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
                for (int ch = 0; ch < 3; ch++) {
                    double dv = colours[ch][s] - mean[ch];
                    sx[ch] += dx * dv;
                    sy[ch] += dy * dv;
                }
            }
            double det = sxx * syy - sxy * sxy;
            double[][] model = new double[3][3];
            for (int ch = 0; ch < 3; ch++) {
                double b = 0;
                double c = 0;
                if (Math.abs(det) > 1e-9 * Math.max(1, sxx * syy)) {
                    b = (sx[ch] * syy - sy[ch] * sxy) / det;
                    c = (sy[ch] * sxx - sx[ch] * sxy) / det;
                }
                model[ch][0] = mean[ch] - b * mx - c * my;
                model[ch][1] = b;
                model[ch][2] = c;
            }
            return model;
        }

        private static double residual(double[][] model, double x, double y, double r, double g, double b) {
            double dr = r - (model[0][0] + model[0][1] * x + model[0][2] * y);
            double dg = g - (model[1][0] + model[1][1] * x + model[1][2] * y);
            double db = b - (model[2][0] + model[2][1] * x + model[2][2] * y);
            return Math.sqrt(dr * dr + dg * dg + db * db);
        }

        boolean isBackground(int rgb, int x, int y) {
            return residual(coefficients, x + 0.5, y + 0.5, (rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF) <= tolerance;
        }
    }
}
