package io.deocc.synth;

import static io.deocc.api.DeoccException.checkArgument;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.LipClass;
import io.deocc.api.image.ParsingMap;
import io.deocc.api.image.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic scenes for tests and example data: a procedurally drawn person in front
 * of a smooth background, partly hidden by an occluder, with the exact ground truth.
 *
 * <p>Every output is a pure function of the seed and the size: the same arguments give equal
 * scenes on every run and every thread. The person lies wholly inside the image, clear of the
 * border by a small margin, and is about 55–85% of the image's height (less when a narrow image
 * needs it). The occluder hides 15%–60% of the person's whole-body area.
 */
public final class SyntheticScenes {
    /** The smallest width and height accepted. */
    public static final int MIN_SIZE = 32;
    /** The largest width and height accepted. */
    public static final int MAX_SIZE = 4096;
    /** The most scenes one call may generate. */
    public static final int MAX_COUNT = 10_000;
    /** The least fraction of the person's whole body the occluder hides. */
    public static final double MIN_HIDDEN = 0.15;
    /** The largest fraction of the person's whole body the occluder hides. */
    public static final double MAX_HIDDEN = 0.60;

    private static final int PLACEMENT_TRIES = 8;
    private static final int OCCLUDER_TRIES = 60;

    private enum OccluderKind { RECTANGLE, POLE, ROUNDED_BOX, BLOB, WALL }

    private SyntheticScenes() {}

    /**
     * One person, one occluder.
     *
     * @param seed any value; equal seeds (and sizes) give equal scenes
     * @param width image width, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     * @param height image height, {@value #MIN_SIZE} to {@value #MAX_SIZE}
     */
    public static Scene occludedPerson(long seed, int width, int height) {
        checkSize(width, height);
        return generate(seed, width, height);
    }

    /**
     * {@code count} independent scenes. Scene {@code i} does not depend on {@code count}, and
     * {@code occludedPerson(scene.seed(), width, height)} reproduces each of them.
     */
    public static List<Scene> occludedPeople(long seed, int count, int width, int height) {
        checkArgument(count >= 0 && count <= MAX_COUNT, "scene count " + count + " is out of range: ask for 0 to " + MAX_COUNT + " scenes");
        checkSize(width, height);
        SplittableRandom seeds = new SplittableRandom(seed);
        List<Scene> scenes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            scenes.add(generate(seeds.nextLong(), width, height));
        }
        return List.copyOf(scenes);
    }

    private static void checkSize(int width, int height) {
        checkArgument(width >= MIN_SIZE && height >= MIN_SIZE && width <= MAX_SIZE && height <= MAX_SIZE,
                "synthetic scene size " + width + "x" + height + " is out of range: width and height must be from "
                        + MIN_SIZE + " to " + MAX_SIZE + " pixels");
    }

    private static Scene generate(long seed, int width, int height) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PersonFigure figure = PersonFigure.random(rnd);
        byte[] labels = placePerson(figure, rnd, width, height);
        BinaryMask amodal = BinaryMask.fromIndex(width, height, i -> labels[i] != 0);
        Rectangle2D personBox = boundsOf(amodal);

        int[] pixels = background(rnd, width, height);
        paintPerson(pixels, labels, outfit(rnd, personBox.getHeight()), width);
        RgbImage original = RgbImage.of(width, height, pixels);

        BinaryMask occluder = placeOccluder(rnd, amodal, personBox, width, height);
        Texture occluderLook = Texture.random(rnd, Texture.colour(rnd, 0.55, 1.0, 0.3, 0.85),
                Texture.colour(rnd, 0.55, 1.0, 0.3, 0.85), Math.max(3, personBox.getHeight() / 14));
        for (int i = 0; i < pixels.length; i++) {
            if (occluder.get(i)) {
                pixels[i] = occluderLook.rgbAt(i % width, i / width);
            }
        }
        RgbImage image = RgbImage.of(width, height, pixels);
        BinaryMask visible = amodal.andNot(occluder);
        return new Scene(seed, image, original, amodal, visible, occluder, ParsingMap.of(width, height, labels));
    }

    /** Scales and moves the figure into the image (inside a margin) and rasterises its labels. */
    private static byte[] placePerson(PersonFigure figure, SplittableRandom rnd, int width, int height) {
        int margin = Math.max(3, Math.round(Math.min(width, height) * 0.02f));
        Rectangle2D body = figure.bounds();
        // one spare pixel on each side: a shape's pixels may reach one past its rounded bounds
        double roomW = width - 2.0 * margin - 2;
        double roomH = height - 2.0 * margin - 2;
        double targetHeight = height * PersonFigure.uniform(rnd, 0.55, 0.85);
        double scale = Math.min(targetHeight / body.getHeight(), Math.min(roomW / body.getWidth(), roomH / body.getHeight()));
        for (int attempt = 0; attempt < PLACEMENT_TRIES; attempt++) {
            double w = body.getWidth() * scale;
            double h = body.getHeight() * scale;
            double left = margin + 1 + rnd.nextDouble() * Math.max(0, roomW - w);
            double top = margin + 1 + rnd.nextDouble() * Math.max(0, roomH - h);
            AffineTransform toImage = new AffineTransform();
            toImage.translate(left - body.getX() * scale, top - body.getY() * scale);
            toImage.scale(scale, scale);
            byte[] labels = rasterise(figure.transformed(toImage), width, height);
            if (insideMargin(labels, width, height, margin)) {
                return labels;
            }
            scale *= 0.9;
        }
        throw new DeoccException(ErrorCode.INTERNAL, "could not fit a synthetic person into a " + width + "x" + height
                + " image: this is a bug in SyntheticScenes, report the size");
    }

    /** Fills each part with its label value, anti-aliasing off, so that every pixel gets exactly one label. */
    private static byte[] rasterise(List<PersonFigure.Part> parts, int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            for (PersonFigure.Part part : parts) {
                int label = part.label().label();
                g.setColor(new Color(label, label, label));
                g.fill(part.shape());
            }
        } finally {
            g.dispose();
        }
        int[] data = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        byte[] labels = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            labels[i] = (byte) (data[i] & 0xFF);
        }
        return labels;
    }

    private static boolean insideMargin(byte[] labels, int width, int height, int margin) {
        boolean any = false;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (labels[y * width + x] != 0) {
                    any = true;
                    if (x < margin || y < margin || x >= width - margin || y >= height - margin) {
                        return false;
                    }
                }
            }
        }
        return any;
    }

    private static Rectangle2D boundsOf(BinaryMask mask) {
        var box = mask.boundingBox().orElseThrow();
        return new Rectangle2D.Double(box.x(), box.y(), box.width(), box.height());
    }

    /** A smooth two-colour gradient in muted tones with mild grain. */
    private static int[] background(SplittableRandom rnd, int width, int height) {
        int from = Texture.colour(rnd, 0.0, 0.3, 0.35, 0.95);
        int to = Texture.colour(rnd, 0.0, 0.3, 0.35, 0.95);
        double angle = rnd.nextDouble() * 2 * Math.PI;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double extent = Math.abs(cos) * width + Math.abs(sin) * height;
        long salt = rnd.nextLong();
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double t = 0.5 + ((x - width / 2.0) * cos + (y - height / 2.0) * sin) / extent;
                pixels[y * width + x] = Texture.addGrain(mix(from, to, t), Texture.grain(x, y, salt, 4));
            }
        }
        return pixels;
    }

    private static int mix(int a, int b, double t) {
        double u = Math.max(0, Math.min(1, t));
        int r = (int) Math.round(((a >> 16) & 0xFF) * (1 - u) + ((b >> 16) & 0xFF) * u);
        int g = (int) Math.round(((a >> 8) & 0xFF) * (1 - u) + ((b >> 8) & 0xFF) * u);
        int bl = (int) Math.round((a & 0xFF) * (1 - u) + (b & 0xFF) * u);
        return (r << 16) | (g << 8) | bl;
    }

    /** One texture per label; parts of the same material (skin, shoes) share one. */
    private static Map<LipClass, Texture> outfit(SplittableRandom rnd, double personHeight) {
        double scale = Math.max(2, personHeight / 30);
        int[] skinTones = {0xF1C8A5, 0xE0AC83, 0xC68E62, 0x8D5A3A, 0x5C3A24, 0xF5D6C0};
        int skinRgb = Texture.shade(skinTones[rnd.nextInt(skinTones.length)], PersonFigure.uniform(rnd, 0.92, 1.08));
        Texture skin = Texture.solid(skinRgb, 3, rnd);
        Texture hair = Texture.solid(Texture.colour(rnd, 0.2, 0.7, 0.05, 0.45), 6, rnd);
        Texture shoes = Texture.solid(Texture.colour(rnd, 0.0, 0.6, 0.05, 0.6), 4, rnd);
        Texture glove = Texture.solid(Texture.colour(rnd, 0.3, 0.9, 0.2, 0.8), 3, rnd);
        Map<LipClass, Texture> looks = new EnumMap<>(LipClass.class);
        looks.put(LipClass.FACE, skin);
        looks.put(LipClass.LEFT_ARM, skin);
        looks.put(LipClass.RIGHT_ARM, skin);
        looks.put(LipClass.LEFT_LEG, skin);
        looks.put(LipClass.RIGHT_LEG, skin);
        looks.put(LipClass.HAIR, hair);
        looks.put(LipClass.LEFT_SHOE, shoes);
        looks.put(LipClass.RIGHT_SHOE, shoes);
        looks.put(LipClass.GLOVE, glove);
        for (LipClass cloth : List.of(LipClass.UPPER_CLOTHES, LipClass.PANTS, LipClass.SKIRT)) {
            int base = Texture.colour(rnd, 0.25, 0.95, 0.2, 0.9);
            int alternate = Texture.colour(rnd, 0.1, 0.95, 0.2, 0.95);
            looks.put(cloth, Texture.random(rnd, base, alternate, scale));
        }
        return looks;
    }

    private static void paintPerson(int[] pixels, byte[] labels, Map<LipClass, Texture> outfit, int width) {
        for (int i = 0; i < pixels.length; i++) {
            if (labels[i] != 0) {
                Texture look = outfit.get(LipClass.ofLabel(labels[i]));
                pixels[i] = look.rgbAt(i % width, i / width);
            }
        }
    }

    /**
     * Tries random occluders until one hides an allowed share of the person; falls back to a wall
     * rising from the bottom whose top edge is chosen row by row, which always lands in range.
     */
    private static BinaryMask placeOccluder(SplittableRandom rnd, BinaryMask amodal, Rectangle2D person, int width, int height) {
        BufferedImage canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] data = ((DataBufferInt) canvas.getRaster().getDataBuffer()).getData();
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(Color.WHITE);
            for (int attempt = 0; attempt < OCCLUDER_TRIES; attempt++) {
                Shape shape = randomOccluder(rnd, person, width, height);
                Arrays.fill(data, 0);
                g.fill(shape);
                int hidden = 0;
                for (int i = 0; i < data.length; i++) {
                    if (data[i] != 0 && amodal.get(i)) {
                        hidden++;
                    }
                }
                double share = hidden / (double) amodal.area();
                if (share >= MIN_HIDDEN && share <= MAX_HIDDEN) {
                    return BinaryMask.fromIndex(width, height, i -> data[i] != 0);
                }
            }
        } finally {
            g.dispose();
        }
        return wallFromBottom(amodal, width, height);
    }

    private static Shape randomOccluder(SplittableRandom rnd, Rectangle2D person, int width, int height) {
        double pw = person.getWidth();
        double ph = person.getHeight();
        double cx = person.getX() + PersonFigure.uniform(rnd, -0.1, 1.1) * pw;
        double cy = person.getY() + PersonFigure.uniform(rnd, 0.0, 1.0) * ph;
        OccluderKind kind = OccluderKind.values()[rnd.nextInt(OccluderKind.values().length)];
        return switch (kind) {
            case RECTANGLE -> {
                double w = PersonFigure.uniform(rnd, 0.3, 1.3) * pw;
                double h = PersonFigure.uniform(rnd, 0.15, 0.6) * ph;
                yield new Rectangle2D.Double(cx - w / 2, cy - h / 2, w, h);
            }
            case POLE -> {
                double w = PersonFigure.uniform(rnd, 0.2, 0.6) * pw;
                yield new Rectangle2D.Double(cx - w / 2, -1, w, height + 2.0);
            }
            case ROUNDED_BOX -> {
                double w = PersonFigure.uniform(rnd, 0.4, 1.2) * pw;
                double h = PersonFigure.uniform(rnd, 0.2, 0.5) * ph;
                double arc = Math.min(w, h) * PersonFigure.uniform(rnd, 0.3, 0.9);
                yield new RoundRectangle2D.Double(cx - w / 2, cy - h / 2, w, h, arc, arc);
            }
            case BLOB -> {
                Area blob = new Area();
                int lobes = 3 + rnd.nextInt(3);
                double radius = PersonFigure.uniform(rnd, 0.12, 0.3) * ph;
                for (int i = 0; i < lobes; i++) {
                    double a = rnd.nextDouble() * 2 * Math.PI;
                    double d = radius * PersonFigure.uniform(rnd, 0.0, 0.7);
                    double rx = radius * PersonFigure.uniform(rnd, 0.5, 1.0);
                    double ry = radius * PersonFigure.uniform(rnd, 0.5, 1.0);
                    double ex = cx + Math.cos(a) * d;
                    double ey = cy + Math.sin(a) * d;
                    blob.add(new Area(new Ellipse2D.Double(ex - rx, ey - ry, 2 * rx, 2 * ry)));
                }
                yield blob;
            }
            case WALL -> {
                double w = PersonFigure.uniform(rnd, 0.8, 2.5) * pw;
                double top = person.getY() + PersonFigure.uniform(rnd, 0.4, 0.85) * ph;
                yield new Rectangle2D.Double(cx - w / 2, top, w, height + 1.0 - top);
            }
        };
    }

    /** Full-width rows from the bottom up to the row that brings the hidden share closest to the middle of the range. */
    private static BinaryMask wallFromBottom(BinaryMask amodal, int width, int height) {
        double target = (MIN_HIDDEN + MAX_HIDDEN) / 2;
        int bestTop = height;
        double bestGap = Double.MAX_VALUE;
        int hidden = 0;
        for (int top = height - 1; top >= 0; top--) {
            for (int x = 0; x < width; x++) {
                if (amodal.get(top * width + x)) {
                    hidden++;
                }
            }
            double share = hidden / (double) amodal.area();
            if (share >= MIN_HIDDEN && share <= MAX_HIDDEN && Math.abs(share - target) < bestGap) {
                bestGap = Math.abs(share - target);
                bestTop = top;
            }
        }
        int wallTop = bestTop;
        return BinaryMask.fromIndex(width, height, i -> i / width >= wallTop);
    }
}
