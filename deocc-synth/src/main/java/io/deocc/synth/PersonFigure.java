package io.deocc.synth;

import io.deocc.api.image.LipClass;
import java.awt.BasicStroke;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A procedural, articulated, front-facing 2-D person in body units (head top near y = 0, soles near
 * y = 1, body axis at x = 0; y grows downwards as in images). Parts are kept in painting order, so
 * later parts cover earlier ones, and each carries its LIP label.
 *
 * <p>The person faces the camera, so the person's left side is on the image's right (x > 0), which
 * is how LIP labels left and right.
 */
final class PersonFigure {
    /** One painted part: a label and its outline in body units. */
    record Part(LipClass label, Shape shape) {}

    private enum Pose { STANDING, WALKING, ARMS_RAISED, ONE_ARM_RAISED }

    private enum Sleeves { NONE, SHORT, LONG }

    private final List<Part> parts;

    private PersonFigure(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    List<Part> parts() {
        return parts;
    }

    /** The union of the parts' bounds, in body units. */
    Rectangle2D bounds() {
        Rectangle2D box = null;
        for (Part part : parts) {
            Rectangle2D b = part.shape().getBounds2D();
            if (box == null) {
                box = b;
            } else {
                box = box.createUnion(b);
            }
        }
        return box;
    }

    /** The parts mapped through {@code transform}, same order. */
    List<Part> transformed(AffineTransform transform) {
        List<Part> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            out.add(new Part(part.label(), transform.createTransformedShape(part.shape())));
        }
        return out;
    }

    /** A random person: pose, build and clothing cut all come from {@code rnd}. */
    static PersonFigure random(SplittableRandom rnd) {
        Pose pose = Pose.values()[rnd.nextInt(Pose.values().length)];
        Sleeves sleeves = Sleeves.values()[rnd.nextInt(Sleeves.values().length)];
        boolean skirt = rnd.nextDouble() < 0.3;
        boolean longTrousers = !skirt && rnd.nextDouble() < 0.4;
        boolean gloves = rnd.nextDouble() < 0.2;
        boolean longHair = rnd.nextDouble() < 0.35;
        double build = uniform(rnd, 0.85, 1.15); // horizontal stretch: slim to broad

        // Limb angles in degrees from straight down; positive points away from the body axis.
        double[] upperArm = new double[2];
        double[] elbow = new double[2];
        double[] thigh = new double[2];
        double[] knee = new double[2];
        for (int side = 0; side < 2; side++) {
            upperArm[side] = uniform(rnd, 6, 22);
            elbow[side] = uniform(rnd, -10, 25);
            thigh[side] = uniform(rnd, 2, 8);
            knee[side] = uniform(rnd, -3, 3);
        }
        switch (pose) {
            case WALKING -> {
                int front = rnd.nextInt(2);
                thigh[front] = uniform(rnd, 10, 22);
                knee[front] = uniform(rnd, -12, 0);
                thigh[1 - front] = uniform(rnd, -4, 3);
                knee[1 - front] = uniform(rnd, 5, 15);
                upperArm[front] = uniform(rnd, 2, 10);
                upperArm[1 - front] = uniform(rnd, 20, 40);
            }
            case ARMS_RAISED -> {
                for (int side = 0; side < 2; side++) {
                    upperArm[side] = uniform(rnd, 110, 165);
                    elbow[side] = uniform(rnd, -25, 25);
                }
            }
            case ONE_ARM_RAISED -> {
                int raised = rnd.nextInt(2);
                upperArm[raised] = uniform(rnd, 100, 160);
                elbow[raised] = uniform(rnd, -40, 10);
            }
            case STANDING -> {
                // the defaults above are a relaxed stance
            }
        }

        List<Part> parts = new ArrayList<>();
        double shoulderY = 0.185;
        double hipY = 0.52;
        double shoulderHalf = 0.108 * build;
        double hipHalf = 0.092 * build;

        if (longHair) {
            parts.add(new Part(LipClass.HAIR, roundBox(-0.062, 0.04, 0.124, 0.19, 0.05)));
        }

        // Legs first, so that the trousers' waist or the skirt covers the hip joints.
        Point2D[] ankles = new Point2D[2];
        for (int side = 0; side < 2; side++) {
            double dir = side == 0 ? -1 : 1; // side 0: image left = the person's right
            Point2D hip = new Point2D.Double(dir * 0.048 * build, hipY);
            Point2D kneeAt = along(hip, dir, thigh[side], 0.225);
            Point2D ankle = along(kneeAt, dir, thigh[side] + knee[side], 0.215);
            ankles[side] = ankle;
            LipClass leg = side == 0 ? LipClass.RIGHT_LEG : LipClass.LEFT_LEG;
            LipClass thighLabel = skirt ? leg : LipClass.PANTS;
            LipClass shinLabel = longTrousers ? LipClass.PANTS : leg;
            parts.add(new Part(thighLabel, capsule(hip, kneeAt, 0.078 * build)));
            parts.add(new Part(shinLabel, capsule(kneeAt, ankle, 0.058 * build)));
        }
        for (int side = 0; side < 2; side++) {
            double dir = side == 0 ? -1 : 1;
            Point2D ankle = ankles[side];
            LipClass shoe = side == 0 ? LipClass.RIGHT_SHOE : LipClass.LEFT_SHOE;
            parts.add(new Part(shoe, new Ellipse2D.Double(ankle.getX() - 0.036 + dir * 0.012, ankle.getY() - 0.012, 0.072, 0.042)));
        }
        if (skirt) {
            double hemY = uniform(rnd, 0.64, 0.74);
            double flare = uniform(rnd, 0.03, 0.07);
            parts.add(new Part(LipClass.SKIRT, polygon(
                    -hipHalf, hipY - 0.05, hipHalf, hipY - 0.05,
                    hipHalf + flare, hemY, -hipHalf - flare, hemY)));
        } else {
            parts.add(new Part(LipClass.PANTS, polygon(
                    -hipHalf, hipY - 0.05, hipHalf, hipY - 0.05,
                    hipHalf, hipY + 0.04, -hipHalf, hipY + 0.04)));
        }

        // Torso with rounded shoulders.
        // (two parts rather than one path: joined outlines of opposite winding would cancel out)
        parts.add(new Part(LipClass.UPPER_CLOTHES, polygon(-shoulderHalf, shoulderY - 0.01, shoulderHalf, shoulderY - 0.01,
                hipHalf, hipY - 0.03, -hipHalf, hipY - 0.03)));
        parts.add(new Part(LipClass.UPPER_CLOTHES, capsule(new Point2D.Double(-shoulderHalf + 0.02, shoulderY + 0.01),
                new Point2D.Double(shoulderHalf - 0.02, shoulderY + 0.01), 0.05)));

        // Neck and head; LIP has no neck class, the skin of the neck is labelled with the face.
        parts.add(new Part(LipClass.FACE, capsule(new Point2D.Double(0, 0.125), new Point2D.Double(0, 0.185), 0.045)));
        parts.add(new Part(LipClass.HAIR, new Ellipse2D.Double(-0.056, -0.002, 0.112, 0.13)));
        parts.add(new Part(LipClass.FACE, new Ellipse2D.Double(-0.046, 0.028, 0.092, 0.118)));

        // Arms over the torso.
        for (int side = 0; side < 2; side++) {
            double dir = side == 0 ? -1 : 1;
            LipClass arm = side == 0 ? LipClass.RIGHT_ARM : LipClass.LEFT_ARM;
            Point2D shoulder = new Point2D.Double(dir * (shoulderHalf - 0.008), shoulderY + 0.012);
            Point2D elbowAt = along(shoulder, dir, upperArm[side], 0.17);
            Point2D wrist = along(elbowAt, dir, upperArm[side] + elbow[side], 0.15);
            Point2D hand = along(wrist, dir, upperArm[side] + elbow[side], 0.025);
            parts.add(new Part(sleeves == Sleeves.NONE ? arm : LipClass.UPPER_CLOTHES, capsule(shoulder, elbowAt, 0.052)));
            if (sleeves == Sleeves.SHORT) {
                // the bare part of the upper arm below a short sleeve
                Point2D sleeveEnd = along(shoulder, dir, upperArm[side], 0.09);
                parts.add(new Part(arm, capsule(sleeveEnd, elbowAt, 0.044)));
            }
            parts.add(new Part(sleeves == Sleeves.LONG ? LipClass.UPPER_CLOTHES : arm, capsule(elbowAt, wrist, 0.043)));
            double r = 0.03;
            parts.add(new Part(gloves ? LipClass.GLOVE : arm, new Ellipse2D.Double(hand.getX() - r, hand.getY() - r, 2 * r, 2 * r)));
        }

        // A slight lean about the feet, so that not every person stands bolt upright.
        double lean = Math.toRadians(uniform(rnd, -4, 4));
        AffineTransform leanAboutFeet = AffineTransform.getRotateInstance(lean, 0, 0.97);
        return new PersonFigure(new PersonFigure(parts).transformed(leanAboutFeet));
    }

    private static Point2D along(Point2D from, double outward, double degreesFromDown, double length) {
        double a = Math.toRadians(degreesFromDown);
        return new Point2D.Double(from.getX() + outward * Math.sin(a) * length, from.getY() + Math.cos(a) * length);
    }

    private static Shape capsule(Point2D a, Point2D b, double thickness) {
        BasicStroke stroke = new BasicStroke((float) thickness, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        return stroke.createStrokedShape(new Line2D.Double(a, b));
    }

    private static Shape roundBox(double x, double y, double w, double h, double arc) {
        return new RoundRectangle2D.Double(x, y, w, h, arc, arc);
    }

    private static Shape polygon(double... xy) {
        Path2D path = new Path2D.Double();
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        return path;
    }

    static double uniform(SplittableRandom rnd, double min, double max) {
        return min + rnd.nextDouble() * (max - min);
    }
}
