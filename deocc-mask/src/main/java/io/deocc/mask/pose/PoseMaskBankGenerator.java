package io.deocc.mask.pose;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the version-1 pose-mask bank this module ships ({@link #RESOURCE}; the default bank is now
 * {@link PoseMaskBank#DEFAULT_RESOURCE}, version 2, made by k-means) from hand-set
 * body poses: standing, walking and running, arms down, out and raised, side views, sitting,
 * bending and crouching, in slim, medium and broad builds. Each pose becomes a silhouette of
 * tapered limbs, a polygonal torso and an elliptic head ({@code java.awt.geom} shapes, tested point
 * by point at a 320-pixel body height, so no renderer or font is involved), which is cropped to its
 * tight box and area-resized to 32×32 soft levels; asymmetric poses also appear mirrored.
 *
 * <p>The output depends only on this class: trigonometry goes through {@link StrictMath} and
 * rasterisation is plain point-in-shape tests, so every JVM produces the same bytes. A test checks
 * that {@link #generate()} reproduces the shipped resource byte for byte. To rewrite the resource
 * after changing a pose, run from the repository root
 * <pre>
 * mvn -o test -pl deocc-mask -Dtest=PoseMaskBankGeneratorTest -Ddeocc.pose-bank.rewrite=true
 * </pre>
 * which calls {@link #main} with {@code src/main/resources/io/deocc/mask/pose/pose-masks-v1.txt}
 * (relative to the module), then rebuild the module so that the new file is packaged.
 */
public final class PoseMaskBankGenerator {
    /** The resource holding this generator's bank. */
    public static final String RESOURCE = "/io/deocc/mask/pose/pose-masks-v1.txt";

    /** Side of the generated masks. */
    public static final int SIZE = 32;

    /** Body height, in canvas pixels, at which silhouettes are rasterised before resizing. */
    static final int BODY_HEIGHT = 320;

    private static final int CANVAS = 3 * BODY_HEIGHT;

    private PoseMaskBankGenerator() {}

    /**
     * Writes the generated bank to the file named by the only argument.
     *
     * @param args one path, e.g. {@code deocc-mask/src/main/resources/io/deocc/mask/pose/pose-masks-v1.txt}
     */
    public static void main(String[] args) {
        checkNotNull(args, "args");
        checkArgument(args.length == 1, "expected one argument, the bank file to write, e.g. "
                + "deocc-mask/src/main/resources/io/deocc/mask/pose/pose-masks-v1.txt; got " + args.length);
        generate().save(Path.of(args[0]));
    }

    /** The bank, computed afresh; equal to the shipped resource. */
    public static PoseMaskBank generate() {
        List<float[]> masks = new ArrayList<>();
        for (Pose pose : poses()) {
            float[] mask = rasterise(pose);
            masks.add(mask);
            if (pose.mirrored()) {
                masks.add(mirror(mask));
            }
        }
        String recipe = "PoseMaskBankGenerator v1: " + masks.size() + " procedural whole-body silhouettes (java.awt.geom shapes at "
                + BODY_HEIGHT + " px body height; standing, walking, running, arms out/raised, side views, sitting, bending, crouching;"
                + " slim to broad builds; asymmetric poses mirrored), each cropped to its box and area-resized to " + SIZE + "x" + SIZE;
        return PoseMaskBank.ofValues(SIZE, masks, recipe);
    }

    /**
     * One body pose. Angles are in degrees from straight down, positive towards +x (image right);
     * the figure's "first" limbs attach on the image's left (−x) side.
     *
     * @param side a side view: shoulders and hips collapse onto the body axis
     * @param build width factor for every limb, the torso and the head
     * @param lean torso angle from upright, positive leaning towards +x
     * @param arms upper-arm and forearm angles for the first then the second arm
     * @param legs thigh and shin angles for the first then the second leg
     * @param thighShortening visible fraction of thigh length (below 1 when a thigh points at the camera)
     * @param mirrored whether the bank also holds this pose flipped left to right
     */
    record Pose(boolean side, double build, double lean, double[] arms, double[] legs, double thighShortening, boolean mirrored) {}

    /** The hand-set poses; their order fixes the order of the bank. */
    static List<Pose> poses() {
        List<Pose> poses = new ArrayList<>();
        double[] builds = {0.85, 1.0, 1.2};
        for (double build : builds) {
            // arms hanging, legs together
            poses.add(front(build, 0, arms(-6, -4, 6, 4), legs(-3, -2, 3, 2), false));
            // A-pose, feet apart
            poses.add(front(build, 0, arms(-28, -22, 28, 22), legs(-10, -8, 10, 8), false));
            // walking towards the camera, one arm swinging
            poses.add(front(build, 2, arms(-10, -2, 14, 30), legs(-6, -4, 4, 8), false));
            // side view walking
            poses.add(side(build, 3, arms(-22, -8, 25, 55), legs(-22, -28, 24, 8), true));
        }
        for (double build : new double[] {0.9, 1.15}) {
            // arms straight out
            poses.add(front(build, 0, arms(-90, -90, 90, 90), legs(-6, -4, 6, 4), false));
            // both arms raised
            poses.add(front(build, 0, arms(-160, -170, 160, 170), legs(-5, -3, 5, 3), false));
            // one arm raised (waving)
            poses.add(front(build, 0, arms(-150, -175, 8, 4), legs(-4, -3, 6, 4), true));
            // hands on hips
            poses.add(front(build, 0, arms(-40, 40, 40, -40), legs(-8, -6, 8, 6), false));
            // side view standing
            poses.add(side(build, 0, arms(-4, 6, 4, 10), legs(-2, -2, 2, 2), true));
            // side view running
            poses.add(side(build, 12, arms(-40, 40, 45, 110), legs(-35, -80, 45, 5), true));
            // sitting, seen from the side
            poses.add(side(build, -8, arms(10, 60, 14, 65), legs(88, 2, 84, -4), true));
            // bending forward, seen from the side
            poses.add(side(build, 70, arms(40, 50, 60, 64), legs(-4, -4, 4, 4), true));
        }
        // sitting, seen from the front: thighs point at the camera
        poses.add(new Pose(false, 1.0, 0, arms(-14, 10, 14, -10), legs(-14, -4, 14, 4), 0.35, false));
        poses.add(new Pose(false, 1.15, 0, arms(-10, 20, 12, -18), legs(-20, -8, 20, 8), 0.4, false));
        // crouching, side view
        poses.add(side(1.0, 35, arms(30, 80, 40, 90), legs(75, -30, 65, -40), true));
        // pointing with one arm out, slim
        poses.add(front(0.9, 0, arms(-92, -90, 6, 4), legs(-5, -4, 5, 4), false));
        // carrying something in front (three-quarter view)
        poses.add(new Pose(false, 1.05, 0, arms(-12, 60, 10, -60), legs(-6, -4, 6, 4), 1.0, false));
        // jumping with arms up
        poses.add(front(1.0, 0, arms(-140, -150, 140, 150), legs(-18, 30, 18, -30), false));
        return poses;
    }

    private static Pose front(double build, double lean, double[] arms, double[] legs, boolean mirrored) {
        return new Pose(false, build, lean, arms, legs, 1.0, mirrored);
    }

    private static Pose side(double build, double lean, double[] arms, double[] legs, boolean mirrored) {
        return new Pose(true, build, lean, arms, legs, 1.0, mirrored);
    }

    private static double[] arms(double upper1, double lower1, double upper2, double lower2) {
        return new double[] {upper1, lower1, upper2, lower2};
    }

    private static double[] legs(double thigh1, double shin1, double thigh2, double shin2) {
        return new double[] {thigh1, shin1, thigh2, shin2};
    }

    /** The pose's silhouette cropped to its box and area-resized to {@link #SIZE}², row-major. */
    static float[] rasterise(Pose pose) {
        List<Part> parts = parts(pose);
        boolean[] canvas = new boolean[CANVAS * CANVAS];
        int minX = CANVAS, minY = CANVAS, maxX = -1, maxY = -1;
        for (Part part : parts) {
            Rectangle2D bounds = part.bounds();
            int x0 = Math.max(0, (int) Math.floor(bounds.getMinX()));
            int y0 = Math.max(0, (int) Math.floor(bounds.getMinY()));
            int x1 = Math.min(CANVAS - 1, (int) Math.ceil(bounds.getMaxX()));
            int y1 = Math.min(CANVAS - 1, (int) Math.ceil(bounds.getMaxY()));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    int i = y * CANVAS + x;
                    if (!canvas[i] && part.contains(x + 0.5, y + 0.5)) {
                        canvas[i] = true;
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                        minY = Math.min(minY, y);
                        maxY = Math.max(maxY, y);
                    }
                }
            }
        }
        int boxWidth = maxX - minX + 1;
        int boxHeight = maxY - minY + 1;
        int[] set = new int[SIZE * SIZE];
        int[] total = new int[SIZE * SIZE];
        for (int y = minY; y <= maxY; y++) {
            int v = (int) ((2L * (y - minY) + 1) * SIZE / (2L * boxHeight));
            for (int x = minX; x <= maxX; x++) {
                int u = (int) ((2L * (x - minX) + 1) * SIZE / (2L * boxWidth));
                total[v * SIZE + u]++;
                if (canvas[y * CANVAS + x]) {
                    set[v * SIZE + u]++;
                }
            }
        }
        float[] out = new float[SIZE * SIZE];
        for (int i = 0; i < out.length; i++) {
            out[i] = total[i] == 0 ? 0f : set[i] / (float) total[i];
        }
        return out;
    }

    private static float[] mirror(float[] mask) {
        float[] out = new float[mask.length];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                out[y * SIZE + x] = mask[y * SIZE + SIZE - 1 - x];
            }
        }
        return out;
    }

    /** The body parts of a pose in canvas pixels; proportions are fractions of the body height. */
    private static List<Part> parts(Pose pose) {
        double h = BODY_HEIGHT;
        double b = pose.build();
        double centre = CANVAS / 2.0;
        Point2D hip = new Point2D.Double(centre, centre);
        double torsoLength = 0.32 * h;
        double lean = Math.toRadians(pose.lean());
        Point2D neck = new Point2D.Double(hip.getX() + StrictMath.sin(lean) * torsoLength, hip.getY() - StrictMath.cos(lean) * torsoLength);
        // Across-body unit vector, perpendicular to the torso axis.
        double acrossX = StrictMath.cos(lean);
        double acrossY = StrictMath.sin(lean);
        double widthFactor = pose.side() ? 0.55 : 1.0;
        double shoulderHalf = 0.105 * h * b * widthFactor;
        double waistHalf = 0.075 * h * b * (pose.side() ? 0.75 : 1.0);
        double hipHalf = 0.085 * h * b * (pose.side() ? 0.8 : 1.0);
        // Shoulders sit a little below the neck base, hips a little above the crotch.
        Point2D shoulderBase = along(neck, hip, 0.06 * h);
        Point2D waist = along(hip, neck, 0.45 * torsoLength);
        double jointSpread = pose.side() ? 0.15 : 1.0;
        Point2D shoulder1 = offset(shoulderBase, acrossX, acrossY, -(shoulderHalf - 0.035 * h * b) * jointSpread);
        Point2D shoulder2 = offset(shoulderBase, acrossX, acrossY, (shoulderHalf - 0.035 * h * b) * jointSpread);
        Point2D hip1 = offset(hip, acrossX, acrossY, -0.5 * hipHalf * jointSpread);
        Point2D hip2 = offset(hip, acrossX, acrossY, 0.5 * hipHalf * jointSpread);

        List<Part> parts = new ArrayList<>();
        Path2D.Double torso = new Path2D.Double();
        moveTo(torso, offset(hip, acrossX, acrossY, -hipHalf));
        lineTo(torso, offset(waist, acrossX, acrossY, -waistHalf));
        lineTo(torso, offset(shoulderBase, acrossX, acrossY, -shoulderHalf));
        lineTo(torso, offset(neck, acrossX, acrossY, -0.5 * shoulderHalf));
        lineTo(torso, offset(neck, acrossX, acrossY, 0.5 * shoulderHalf));
        lineTo(torso, offset(shoulderBase, acrossX, acrossY, shoulderHalf));
        lineTo(torso, offset(waist, acrossX, acrossY, waistHalf));
        lineTo(torso, offset(hip, acrossX, acrossY, hipHalf));
        torso.closePath();
        parts.add(new ShapePart(torso));
        // Rounded shoulders and buttocks.
        parts.add(new Capsule(offset(shoulderBase, acrossX, acrossY, -shoulderHalf + 0.04 * h * b),
                offset(shoulderBase, acrossX, acrossY, shoulderHalf - 0.04 * h * b), 0.045 * h * b, 0.045 * h * b));
        parts.add(new Capsule(offset(hip, acrossX, acrossY, -hipHalf + 0.05 * h * b),
                offset(hip, acrossX, acrossY, hipHalf - 0.05 * h * b), 0.055 * h * b, 0.055 * h * b));

        // Neck and head follow the torso axis, a little less tilted.
        double headTilt = lean * 0.8;
        Point2D headCentre = new Point2D.Double(neck.getX() + StrictMath.sin(headTilt) * 0.075 * h,
                neck.getY() - StrictMath.cos(headTilt) * 0.075 * h);
        parts.add(new Capsule(along(neck, hip, 0.02 * h), headCentre, 0.03 * h * b, 0.03 * h * b));
        double headWidth = 0.105 * h * Math.sqrt(b) * (pose.side() ? 1.1 : 1.0);
        double headHeight = 0.13 * h;
        parts.add(new ShapePart(new Ellipse2D.Double(headCentre.getX() - headWidth / 2, headCentre.getY() - headHeight / 2, headWidth, headHeight)));

        double[] arms = pose.arms();
        addLimb(parts, shoulder1, arms[0], arms[1], 0.17 * h, 0.155 * h, 0.034 * h * b, 0.026 * h * b, 0.02 * h * b, 0.03 * h * b);
        addLimb(parts, shoulder2, arms[2], arms[3], 0.17 * h, 0.155 * h, 0.034 * h * b, 0.026 * h * b, 0.02 * h * b, 0.03 * h * b);
        double[] legs = pose.legs();
        double thigh = 0.25 * h * pose.thighShortening();
        double thighRadius = 0.06 * h * b * (pose.thighShortening() < 1 ? 1.15 : 1.0);
        Point2D knee1 = addLimb(parts, hip1, legs[0], legs[1], thigh, 0.235 * h, thighRadius, 0.043 * h * b, 0.03 * h * b, 0);
        Point2D knee2 = addLimb(parts, hip2, legs[2], legs[3], thigh, 0.235 * h, thighRadius, 0.043 * h * b, 0.03 * h * b, 0);
        // Feet point forward in a side view and slightly outwards from the front.
        double footDirection = pose.side() ? 1 : 0;
        addFoot(parts, knee1, legs[1], 0.235 * h, pose.side() ? footDirection : -0.6, 0.07 * h, 0.022 * h * b);
        addFoot(parts, knee2, legs[3], 0.235 * h, pose.side() ? footDirection : 0.6, 0.07 * h, 0.022 * h * b);
        return parts;
    }

    /**
     * Adds a two-segment limb and returns the middle joint (elbow or knee). A positive
     * {@code endRadius} adds a round end (a hand).
     */
    private static Point2D addLimb(List<Part> parts, Point2D root, double upperAngle, double lowerAngle, double upperLength,
            double lowerLength, double rootRadius, double jointRadius, double tipRadius, double endRadius) {
        Point2D joint = step(root, upperAngle, upperLength);
        Point2D tip = step(joint, lowerAngle, lowerLength);
        parts.add(new Capsule(root, joint, rootRadius, jointRadius));
        parts.add(new Capsule(joint, tip, jointRadius, tipRadius));
        if (endRadius > 0) {
            Point2D hand = step(tip, lowerAngle, endRadius * 0.8);
            parts.add(new Capsule(tip, hand, endRadius * 0.9, endRadius));
        }
        return joint;
    }

    private static void addFoot(List<Part> parts, Point2D knee, double shinAngle, double shinLength, double direction, double length, double radius) {
        Point2D ankle = step(knee, shinAngle, shinLength);
        Point2D toe = new Point2D.Double(ankle.getX() + direction * length, ankle.getY() + radius * 0.5);
        parts.add(new Capsule(ankle, toe, radius * 1.2, radius));
    }

    private static Point2D step(Point2D from, double angleDegrees, double length) {
        double a = Math.toRadians(angleDegrees);
        return new Point2D.Double(from.getX() + StrictMath.sin(a) * length, from.getY() + StrictMath.cos(a) * length);
    }

    private static Point2D along(Point2D from, Point2D to, double distance) {
        double dx = to.getX() - from.getX();
        double dy = to.getY() - from.getY();
        double length = Math.sqrt(dx * dx + dy * dy);
        return new Point2D.Double(from.getX() + dx / length * distance, from.getY() + dy / length * distance);
    }

    private static Point2D offset(Point2D p, double ux, double uy, double distance) {
        return new Point2D.Double(p.getX() + ux * distance, p.getY() + uy * distance);
    }

    private static void moveTo(Path2D.Double path, Point2D p) {
        path.moveTo(p.getX(), p.getY());
    }

    private static void lineTo(Path2D.Double path, Point2D p) {
        path.lineTo(p.getX(), p.getY());
    }

    /** A region of the canvas. */
    private interface Part {
        Rectangle2D bounds();

        boolean contains(double x, double y);
    }

    /** Any {@code java.awt.geom} shape. */
    private record ShapePart(Shape shape) implements Part {
        @Override
        public Rectangle2D bounds() {
            return shape.getBounds2D();
        }

        @Override
        public boolean contains(double x, double y) {
            return shape.contains(x, y);
        }
    }

    /**
     * A segment swept by a disc whose radius changes linearly from {@code a} to {@code b}: the shape
     * of a limb.
     */
    private record Capsule(Point2D a, Point2D b, double radiusA, double radiusB) implements Part {
        @Override
        public Rectangle2D bounds() {
            double r = Math.max(radiusA, radiusB);
            double x0 = Math.min(a.getX(), b.getX()) - r;
            double y0 = Math.min(a.getY(), b.getY()) - r;
            return new Rectangle2D.Double(x0, y0, Math.abs(a.getX() - b.getX()) + 2 * r, Math.abs(a.getY() - b.getY()) + 2 * r);
        }

        @Override
        public boolean contains(double x, double y) {
            double dx = b.getX() - a.getX();
            double dy = b.getY() - a.getY();
            double lengthSquared = dx * dx + dy * dy;
            double t = lengthSquared == 0 ? 0 : ((x - a.getX()) * dx + (y - a.getY()) * dy) / lengthSquared;
            t = Math.max(0, Math.min(1, t));
            double px = a.getX() + t * dx - x;
            double py = a.getY() + t * dy - y;
            double r = radiusA + (radiusB - radiusA) * t;
            return px * px + py * py <= r * r;
        }
    }
}
