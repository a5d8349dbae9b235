package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic scenes with exact ground truth: a procedurally drawn person in front of
 * a procedural background, partly hidden by occluders. One generator, steered by
 * {@link SceneSettings}: {@link #generate(long, SceneSettings)} with {@link SceneSettings#defaults}
 * gives the rich scenes used for training and benchmarks; {@link #occludedPerson} gives the
 * {@link SceneSettings#simple simple preset} the tests and example data are built on.
 *
 * <p>Every output is a pure function of the seed and the settings: the same arguments give equal
 * scenes on every run and every thread. The seed feeds separate random streams for the figure,
 * its placement, its looks, the background and the occlusion.
 */
public final class SyntheticScenes {
    /** The smallest width and height accepted. */
    public static final int MIN_SIZE = SceneSettings.MIN_SIZE;
    /** The largest width and height accepted. */
    public static final int MAX_SIZE = SceneSettings.MAX_SIZE;
    /** The most scenes one call may generate. */
    public static final int MAX_COUNT = 10_000;
    /** The least fraction of the person's whole body the simple preset's occluder hides. */
    public static final double MIN_HIDDEN = 0.15;
    /** The largest fraction of the person's whole body the simple preset's occluder hides. */
    public static final double MAX_HIDDEN = 0.60;

    /** How often a scene whose settings allow {@link OccluderKind#BORDER} puts the person partly outside the frame. */
    static final double TRUNCATION_SHARE = 0.2;

    private SyntheticScenes() {}

    /**
     * One person, one occluder, in the {@link SceneSettings#simple simple preset}: a front-facing
     * adult wholly inside the image, 55–85% of its height, hidden 15%–60%.
     *
     * @param seed any value; equal seeds (and sizes) give equal scenes
     * @param width image width, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @param height image height, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     */
    public static Scene occludedPerson(long seed, int width, int height) {
        return generate(seed, SceneSettings.simple(width, height));
    }

    /**
     * {@code count} independent scenes of the simple preset. Scene {@code i} does not depend on
     * {@code count}, and {@code occludedPerson(scene.seed(), width, height)} reproduces each of them.
     */
    public static List<Scene> occludedPeople(long seed, int count, int width, int height) {
        checkArgument(count >= 0 && count <= MAX_COUNT, "scene count " + count + " is out of range: ask for 0 to " + MAX_COUNT + " scenes");
        return generate(seed, count, SceneSettings.simple(width, height));
    }

    /**
     * {@code count} independent scenes drawn with {@code settings}; scene {@code i} does not depend
     * on {@code count}, and {@code generate(scene.seed(), settings)} reproduces each of them.
     */
    public static List<Scene> generate(long seed, int count, SceneSettings settings) {
        checkArgument(count >= 0 && count <= MAX_COUNT, "scene count " + count + " is out of range: ask for 0 to " + MAX_COUNT + " scenes");
        checkNotNull(settings, "settings");
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scenes.add(generate(seeds.nextLong(), settings));
        }
        return List.copyOf(scenes);
    }

    /**
     * One scene drawn with {@code settings}. When {@link OccluderKind#BORDER} is allowed, about
     * {@value #TRUNCATION_SHARE} of the scenes put the person partly outside the frame; their masks
     * and parsing are clipped to the image (see {@link Scene}).
     *
     * @param seed any value; equal seeds and settings give equal scenes
     * @param settings what to draw
     */
    public static Scene generate(long seed, SceneSettings settings) {
        checkNotNull(settings, "settings");
        int width = settings.width();
        int height = settings.height();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom figureRnd = root.split();
        SplittableRandom placeRnd = root.split();
        SplittableRandom lookRnd = root.split();
        SplittableRandom backgroundRnd = root.split();
        SplittableRandom occlusionRnd = root.split();
        boolean rich = settings.variedBodies();

        PersonFigure figure = PersonFigure.random(figureRnd, settings.poses(), rich);
        double angle = Math.toRadians(PersonFigure.uniform(placeRnd, -settings.maxRotationDegrees(), settings.maxRotationDegrees()));
        boolean truncate = settings.occlusion().kinds().contains(OccluderKind.BORDER) && placeRnd.nextDouble() < TRUNCATION_SHARE;
        double[] placedHeight = new double[1];
        Shape2d.Similarity place = placement(figure, angle, placeRnd, settings, truncate, placedHeight);

        Canvas person = new Canvas(width, height);
        Outfit.random(lookRnd, placedHeight[0], rich).paint(person, figure.transformed(place), rich);
        int[] original = Backgrounds.paint(backgroundRnd, width, height, settings.plainBackgroundShare());
        person.compositeOver(original);
        boolean[] amodal = new boolean[width * height];
        boolean any = false;
        for (int i = 0; i < amodal.length; i++) {
            amodal[i] = person.covered(i);
            any |= amodal[i];
        }
        if (!any) {
            throw new DeoccException(ErrorCode.INTERNAL, "synthetic person " + seed + " fell outside its " + width + "x" + height
                    + " image: this is a bug in SyntheticScenes, report the seed and settings");
        }

        OcclusionEngine.Result occlusion = OcclusionEngine.occlude(original, amodal, width, height, occlusionRnd,
                settings.occlusion(), settings.poses(), rich);
        BinaryMask amodalMask = BinaryMask.of(width, height, amodal);
        BinaryMask occluder = BinaryMask.of(width, height, occlusion.occluder());
        Set<OccluderKind> kinds = EnumSet.copyOf(occlusion.kinds());
        if (amodalMask.touchesBorder()) {
            kinds.add(OccluderKind.BORDER);
        }
        return new Scene(seed, RgbImage.of(width, height, occlusion.pixels()), RgbImage.of(width, height, original), amodalMask,
                amodalMask.andNot(occluder), occluder, ParsingMap.of(width, height, person.labels),
                BinaryMask.of(width, height, occlusion.segmenterMask()), new SceneInfo(Optional.of(figure.pose()), kinds));
    }

    /**
     * Scales, turns and moves the figure into the image. An untruncated person stays clear of the
     * border by a small margin (smaller than asked when a narrow image needs it); a truncated one
     * has 15%–45% of its bounding box outside one edge, usually a side or the bottom.
     */
    private static Shape2d.Similarity placement(PersonFigure figure, double angle, SplittableRandom rnd, SceneSettings settings,
            boolean truncate, double[] placedHeight) {
        int width = settings.width();
        int height = settings.height();
        double[] b = figure.bounds(angle);
        double bw = b[2] - b[0];
        double bh = b[3] - b[1];
        int margin = Math.max(3, Math.round(Math.min(width, height) * 0.02f));
        double roomW = width - 2.0 * margin - 2;
        double roomH = height - 2.0 * margin - 2;
        double scale = height * PersonFigure.uniform(rnd, settings.minPersonHeight(), settings.maxPersonHeight()) / bh;
        double left;
        double top;
        if (!truncate) {
            scale = Math.min(scale, Math.min(roomW / bw, roomH / bh));
            left = margin + 1 + rnd.nextDouble() * Math.max(0, roomW - bw * scale);
            top = margin + 1 + rnd.nextDouble() * Math.max(0, roomH - bh * scale);
        } else {
            scale = Math.min(scale, Math.min(roomW / bw, roomH / bh) * 1.4);
            double pw = bw * scale;
            double ph = bh * scale;
            double cut = PersonFigure.uniform(rnd, 0.15, 0.45);
            left = margin + 1 + rnd.nextDouble() * Math.max(0, roomW - pw);
            top = margin + 1 + rnd.nextDouble() * Math.max(0, roomH - ph);
            double edge = rnd.nextDouble();
            if (edge < 0.3) {
                left = -cut * pw;
            } else if (edge < 0.6) {
                left = width - (1 - cut) * pw;
            } else if (edge < 0.9) {
                top = height - (1 - cut) * ph;
            } else {
                top = -cut * ph;
            }
        }
        placedHeight[0] = bh * scale;
        return Shape2d.Similarity.of(scale, angle, left - b[0] * scale, top - b[1] * scale);
    }
}
