package io.deocc.content.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Patch-based exemplar inpainting in the spirit of Criminisi, Pérez and Toyama (2004), restricted to
 * one person: hole patches are filled by copying the best-matching patch whose centre is a visible
 * pixel of the same person, and, when parts are known, of the same body part.
 *
 * <p>One instance paints one crop once; it holds per-call state and is not shared between threads.
 *
 * <p>Fill order: the hole pixel on the fill front with the highest confidence (share of trusted
 * pixels in its patch, decaying as filled pixels are reused) goes first, so the hole is peeled
 * from the side with the most context inward. Matching: sum of squared colour differences over the
 * hole patch's known person pixels, against a sampled set of candidate centres near the hole
 * (seeded from the input, so results are reproducible), followed by an exhaustive look around the
 * best candidate found.
 */
final class ExemplarInpainter {
    /** Pixel roles in the crop. */
    static final byte OUTSIDE = 0;
    static final byte SOURCE = 1;
    static final byte HOLE = 2;
    private static final byte FILLED = 3;

    /** No part constraint for a hole pixel. */
    static final int ANY_PART = -1;

    /**
     * Cost of comparing a known pixel of the hole patch with a source pixel that is not a visible
     * pixel of the person: about a mid-sized colour difference in every channel, so patches that stay
     * inside the person are preferred without ruling out the others near thin parts.
     */
    private static final int OFF_PERSON_COST = 3 * 64 * 64;
    /** Cost of a part disagreement at a known pixel, when parts are known. */
    private static final int PART_MISMATCH_COST = 3 * 48 * 48;
    /** Marks a pixel that has no live queue entry; real priorities are never negative. */
    private static final float NOT_QUEUED = -1f;
    /** Half side of the exhaustive look around the best sampled candidate. */
    private static final int REFINE_RADIUS = 2;

    private final int width;
    private final int height;
    private final int[] red;
    private final int[] green;
    private final int[] blue;
    private final byte[] role;
    private final float[] confidence;
    private final int[] sourcePart;
    private final int[] holePart;
    private final int patchRadius;
    private final int searchRadius;
    private final int maxCandidates;
    private final SplittableRandom random;
    private final int[][] sourcesByPart;
    private final int[] allSources;
    private final int[] candidateBuffer;
    private final float[] queuedPriority;
    private final PriorityQueue<Long> front = new PriorityQueue<>(Comparator.reverseOrder());

    /**
     * @param width crop width
     * @param height crop height
     * @param rgb packed crop pixels; read only
     * @param role per pixel {@link #OUTSIDE}, {@link #SOURCE} (visible person) or {@link #HOLE}; at least one source
     * @param sourcePart body part of each source pixel ({@link #ANY_PART} where unknown), or null when parts are unknown
     * @param holePart body part wanted at each hole pixel or {@link #ANY_PART}; null when parts are unknown.
     *     A wanted part must have at least one source pixel.
     * @param seed seeds the candidate sampling
     */
    ExemplarInpainter(ExemplarSettings settings, int width, int height, int[] rgb, byte[] role,
            int[] sourcePart, int[] holePart, long seed) {
        this.width = width;
        this.height = height;
        int n = width * height;
        this.red = new int[n];
        this.green = new int[n];
        this.blue = new int[n];
        for (int i = 0; i < n; i++) {
            red[i] = (rgb[i] >> 16) & 0xFF;
            green[i] = (rgb[i] >> 8) & 0xFF;
            blue[i] = rgb[i] & 0xFF;
        }
        this.role = role.clone();
        this.confidence = new float[n];
        this.sourcePart = sourcePart;
        this.holePart = holePart;
        this.patchRadius = settings.patchRadius();
        this.searchRadius = settings.searchRadius();
        this.maxCandidates = settings.maxCandidates();
        this.random = new SplittableRandom(seed);

        int sourceCount = 0;
        int maxPart = 0;
        for (int i = 0; i < n; i++) {
            if (role[i] == SOURCE) {
                confidence[i] = 1f;
                sourceCount++;
                if (sourcePart != null) {
                    maxPart = Math.max(maxPart, sourcePart[i]);
                }
            }
        }
        this.allSources = new int[sourceCount];
        int[] perPart = new int[maxPart + 1];
        for (int i = 0, k = 0; i < n; i++) {
            if (role[i] == SOURCE) {
                allSources[k++] = i;
                if (sourcePart != null && sourcePart[i] >= 0) {
                    perPart[sourcePart[i]]++;
                }
            }
        }
        this.sourcesByPart = new int[maxPart + 1][];
        for (int p = 0; p <= maxPart; p++) {
            sourcesByPart[p] = new int[perPart[p]];
        }
        if (sourcePart != null) {
            int[] fill = new int[maxPart + 1];
            for (int i : allSources) {
                int part = sourcePart[i];
                if (part >= 0) {
                    sourcesByPart[part][fill[part]++] = i;
                }
            }
        }
        int window = 2 * searchRadius + 1;
        this.candidateBuffer = new int[(int) Math.min((long) window * window, n)];
        this.queuedPriority = new float[n];
        Arrays.fill(queuedPriority, NOT_QUEUED);
    }

    /** Paints every hole pixel and returns the packed crop. */
    int[] paint() {
        int n = width * height;
        int remaining = 0;
        for (int i = 0; i < n; i++) {
            if (role[i] == HOLE) {
                remaining++;
                if (onFront(i)) {
                    enqueue(i);
                }
            }
        }
        int scan = 0;
        while (remaining > 0) {
            int target = nextFrontPixel();
            if (target < 0) {
                // A hidden piece not touching anything visible (a fully hidden hand, say) has no front:
                // start it at its first pixel; the match then rests on the part constraint and on distance.
                while (role[scan] != HOLE) {
                    scan++;
                }
                target = scan;
            }
            int source = bestSource(target);
            remaining -= copyPatch(target, source);
            requeueAround(target);
        }
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = (red[i] << 16) | (green[i] << 8) | blue[i];
        }
        return out;
    }

    /**
     * Queue entries pack the priority (a non-negative float, whose bit pattern orders like its value)
     * above the inverted pixel index, so the highest priority comes first and ties go to the lowest index.
     */
    private void enqueue(int i) {
        float priority = patchConfidence(i);
        queuedPriority[i] = priority;
        front.add(((long) Float.floatToIntBits(priority) << 32) | (Integer.MAX_VALUE - i));
    }

    /** The front pixel with the highest priority, or -1 when no hole touches a known pixel. */
    private int nextFrontPixel() {
        while (!front.isEmpty()) {
            long entry = front.poll();
            int i = Integer.MAX_VALUE - (int) (entry & 0xFFFFFFFFL);
            float priority = Float.intBitsToFloat((int) (entry >>> 32));
            // Entries go stale when their pixel is filled or its priority is recomputed; skip those.
            if (role[i] == HOLE && priority == queuedPriority[i] && onFront(i)) {
                return i;
            }
        }
        return -1;
    }

    /** Copying changes front membership and confidence up to a patch's reach from the copied patch. */
    private void requeueAround(int target) {
        int reach = 2 * patchRadius + 1;
        int tx = target % width;
        int ty = target / width;
        for (int y = Math.max(0, ty - reach); y <= Math.min(height - 1, ty + reach); y++) {
            for (int x = Math.max(0, tx - reach); x <= Math.min(width - 1, tx + reach); x++) {
                int i = y * width + x;
                if (role[i] == HOLE && onFront(i) && patchConfidence(i) != queuedPriority[i]) {
                    enqueue(i);
                }
            }
        }
    }

    private boolean onFront(int i) {
        int x = i % width;
        int y = i / width;
        return (x > 0 && isKnown(i - 1)) || (x < width - 1 && isKnown(i + 1))
                || (y > 0 && isKnown(i - width)) || (y < height - 1 && isKnown(i + width));
    }

    private boolean isKnown(int i) {
        return role[i] == SOURCE || role[i] == FILLED;
    }

    private float patchConfidence(int centre) {
        int cx = centre % width;
        int cy = centre / width;
        float sum = 0f;
        for (int y = Math.max(0, cy - patchRadius); y <= Math.min(height - 1, cy + patchRadius); y++) {
            int row = y * width;
            for (int x = Math.max(0, cx - patchRadius); x <= Math.min(width - 1, cx + patchRadius); x++) {
                sum += confidence[row + x];
            }
        }
        int side = 2 * patchRadius + 1;
        return sum / (side * side);
    }

    private int bestSource(int target) {
        int wanted = holePart == null ? ANY_PART : holePart[target];
        int count = gatherWindow(target, wanted);
        int[] pool = candidateBuffer;
        if (count == 0) {
            // Nothing of the right part nearby: search the whole person (of that part when one is wanted).
            int[] all = wanted == ANY_PART ? allSources : sourcesByPart[wanted];
            count = Math.min(all.length, candidateBuffer.length);
            if (all.length <= candidateBuffer.length) {
                System.arraycopy(all, 0, candidateBuffer, 0, all.length);
            } else {
                for (int k = 0; k < count; k++) {
                    candidateBuffer[k] = all[random.nextInt(all.length)];
                }
            }
        }
        int sampled = Math.min(count, maxCandidates);
        // Partial Fisher-Yates: the first `sampled` entries become a uniform sample of the pool.
        for (int k = 0; k < sampled; k++) {
            int j = k + random.nextInt(count - k);
            int swap = pool[k];
            pool[k] = pool[j];
            pool[j] = swap;
        }
        long bestCost = Long.MAX_VALUE;
        long bestDistance = Long.MAX_VALUE;
        int best = pool[0];
        for (int k = 0; k < sampled; k++) {
            int candidate = pool[k];
            long cost = patchCost(target, candidate, bestCost);
            long distance = squaredDistance(target, candidate);
            if (cost < bestCost || (cost == bestCost && distance < bestDistance)) {
                bestCost = cost;
                bestDistance = distance;
                best = candidate;
            }
        }
        // The sample found a good region; neighbouring centres there are often better still.
        int bx = best % width;
        int by = best / width;
        int chosen = best;
        for (int y = Math.max(0, by - REFINE_RADIUS); y <= Math.min(height - 1, by + REFINE_RADIUS); y++) {
            for (int x = Math.max(0, bx - REFINE_RADIUS); x <= Math.min(width - 1, bx + REFINE_RADIUS); x++) {
                int candidate = y * width + x;
                if (candidate == best || !isEligible(candidate, wanted)) {
                    continue;
                }
                long cost = patchCost(target, candidate, bestCost);
                long distance = squaredDistance(target, candidate);
                if (cost < bestCost || (cost == bestCost && distance < bestDistance)) {
                    bestCost = cost;
                    bestDistance = distance;
                    chosen = candidate;
                }
            }
        }
        return chosen;
    }

    private int gatherWindow(int target, int wanted) {
        int tx = target % width;
        int ty = target / width;
        int count = 0;
        for (int y = Math.max(0, ty - searchRadius); y <= Math.min(height - 1, ty + searchRadius); y++) {
            int row = y * width;
            for (int x = Math.max(0, tx - searchRadius); x <= Math.min(width - 1, tx + searchRadius); x++) {
                int i = row + x;
                if (isEligible(i, wanted) && count < candidateBuffer.length) {
                    candidateBuffer[count++] = i;
                }
            }
        }
        return count;
    }

    private boolean isEligible(int i, int wanted) {
        return role[i] == SOURCE && (wanted == ANY_PART || sourcePart[i] == wanted);
    }

    private long squaredDistance(int a, int b) {
        long dx = a % width - b % width;
        long dy = a / width - b / width;
        return dx * dx + dy * dy;
    }

    /**
     * Sum of squared differences between the known person pixels of the target patch and the
     * corresponding pixels of the candidate patch; stops early once it reaches {@code bound}.
     */
    private long patchCost(int target, int candidate, long bound) {
        int tx = target % width;
        int ty = target / width;
        int cx = candidate % width;
        int cy = candidate / width;
        long cost = 0;
        for (int dy = -patchRadius; dy <= patchRadius; dy++) {
            int y = ty + dy;
            int sy = cy + dy;
            if (y < 0 || y >= height) {
                continue;
            }
            for (int dx = -patchRadius; dx <= patchRadius; dx++) {
                int x = tx + dx;
                if (x < 0 || x >= width) {
                    continue;
                }
                int t = y * width + x;
                if (!isKnown(t)) {
                    continue;
                }
                int sx = cx + dx;
                if (sx < 0 || sx >= width || sy < 0 || sy >= height || role[sy * width + sx] != SOURCE) {
                    cost += OFF_PERSON_COST;
                } else {
                    int s = sy * width + sx;
                    int dr = red[t] - red[s];
                    int dg = green[t] - green[s];
                    int db = blue[t] - blue[s];
                    cost += dr * dr + dg * dg + db * db;
                    if (holePart != null) {
                        int part = partAt(t);
                        if (part != ANY_PART && sourcePart[s] != ANY_PART && part != sourcePart[s]) {
                            cost += PART_MISMATCH_COST;
                        }
                    }
                }
            }
            if (cost >= bound) {
                return cost;
            }
        }
        return cost;
    }

    /** The part of a known pixel: its own for a source, the wanted one for a filled hole pixel. */
    private int partAt(int known) {
        return role[known] == SOURCE ? sourcePart[known] : holePart[known];
    }

    /** Copies the candidate patch into the target patch's hole pixels whose source pixel fits. */
    private int copyPatch(int target, int source) {
        float filledConfidence = patchConfidence(target);
        int tx = target % width;
        int ty = target / width;
        int cx = source % width;
        int cy = source / width;
        int copied = 0;
        for (int dy = -patchRadius; dy <= patchRadius; dy++) {
            int y = ty + dy;
            int sy = cy + dy;
            if (y < 0 || y >= height || sy < 0 || sy >= height) {
                continue;
            }
            for (int dx = -patchRadius; dx <= patchRadius; dx++) {
                int x = tx + dx;
                int sx = cx + dx;
                if (x < 0 || x >= width || sx < 0 || sx >= width) {
                    continue;
                }
                int t = y * width + x;
                int s = sy * width + sx;
                if (role[t] != HOLE || role[s] != SOURCE) {
                    continue;
                }
                // A hole pixel takes colour only from its own part; the others wait for a patch of their own.
                if (holePart != null && holePart[t] != ANY_PART && sourcePart[s] != holePart[t]) {
                    continue;
                }
                red[t] = red[s];
                green[t] = green[s];
                blue[t] = blue[s];
                role[t] = FILLED;
                confidence[t] = filledConfidence;
                copied++;
            }
        }
        return copied;
    }
}
