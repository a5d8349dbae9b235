package io.deocc.synth;

import io.deocc.api.image.LipClass;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A procedural, articulated 2-D person in body units: an upright adult's head top is near y = 0
 * and the soles near y = 1, the body axis at x = 0, y grows downwards as in images. Parts are kept
 * in painting order, so later parts cover earlier ones, and each carries its LIP label.
 *
 * <p>Proportions follow the usual figure-drawing canon: adults are 7 to 8 heads tall with the hip
 * joint at about half the height; children 5 to 6 heads with shorter legs. Joint angles are drawn
 * per pose family and then clamped to anatomical limits (elbows and knees bend one way only in
 * profile, hips and shoulders have bounded ranges).
 *
 * <p>Front-facing people show their left side on the image's right (LIP's convention). In profile
 * the limbs on the camera side are drawn last; a person facing the image's right shows their right
 * side to the camera.
 */
final class PersonFigure {
    /**
     * One painted part: a label, its outline, and the width (same units as the outline) over which
     * it darkens towards its edge; 0 paints it flat.
     */
    record Part(LipClass label, Shape2d shape, double shadeWidth) {}

    private enum Upper { SHIRT, COAT, DRESS }

    private enum Lower { LONG_PANTS, SHORTS, SKIRT, NONE }

    private enum Sleeves { NONE, SHORT, LONG }

    private final List<Part> parts;
    private final PoseFamily pose;

    private PersonFigure(List<Part> parts, PoseFamily pose) {
        this.parts = List.copyOf(parts);
        this.pose = pose;
    }

    List<Part> parts() {
        return parts;
    }

    PoseFamily pose() {
        return pose;
    }

    /** The parts moved by {@code t}, same order. */
    List<Part> transformed(Shape2d.Similarity t) {
        List<Part> out = new ArrayList<>(parts.size());
        for (Part part : parts) {
            out.add(new Part(part.label(), part.shape().transformed(t), part.shadeWidth() * t.scale()));
        }
        return out;
    }

    /** {@code {minX, minY, maxX, maxY}} of the parts turned by {@code angle} about the origin. */
    double[] bounds(double angle) {
        Shape2d.Similarity turn = Shape2d.Similarity.of(1, angle, 0, 0);
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (Part part : parts) {
            Shape2d s = angle == 0 ? part.shape() : part.shape().transformed(turn);
            box[0] = Math.min(box[0], s.minX());
            box[1] = Math.min(box[1], s.minY());
            box[2] = Math.max(box[2], s.maxX());
            box[3] = Math.max(box[3], s.maxY());
        }
        return box;
    }

    /**
     * A random person. {@code varied} adds children, broader builds, coats, dresses, shorts and
     * accessories; without it the person is a front-facing adult in a shirt with trousers or a skirt.
     */
    static PersonFigure random(SplittableRandom rnd, Set<PoseFamily> families, boolean varied) {
        PoseFamily[] choices = families.toArray(new PoseFamily[0]);
        PoseFamily pose = choices[rnd.nextInt(choices.length)];
        Builder b = new Builder(rnd, varied);
        if (pose.sideView()) {
            b.side(pose);
        } else {
            b.front(pose);
        }
        return new PersonFigure(b.parts, pose);
    }

    static double uniform(SplittableRandom rnd, double min, double max) {
        return min + rnd.nextDouble() * (max - min);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /** Builds one person; the fields hold the body plan shared by both views. */
    private static final class Builder {
        final SplittableRandom rnd;
        final List<Part> parts = new ArrayList<>();
        final double hh; // head height
        final double build;
        final double shoulderY;
        final double hipY;
        final double thigh;
        final double shin;
        final double upperArm;
        final double forearm;
        final double handOffset;
        final double shoulderHalf;
        final double waistHalf;
        final double hipHalf;
        final double limb; // limb thickness factor
        final Upper upper;
        final Lower lower;
        final Sleeves sleeves;
        final boolean gloves;
        final boolean longHair;
        final boolean hat;
        final boolean sunglasses;
        final boolean scarf;
        final double hem; // skirt, dress or coat hem as a share of the thigh (beyond 1: onto the shin)

        Builder(SplittableRandom rnd, boolean varied) {
            this.rnd = rnd;
            boolean child = varied && rnd.nextDouble() < 0.2;
            double headsTall = child ? uniform(rnd, 5.0, 6.0) : uniform(rnd, 7.0, 8.0);
            hh = 1 / headsTall;
            build = varied ? uniform(rnd, 0.8, 1.3) : uniform(rnd, 0.85, 1.15);
            limb = 0.85 + 0.15 * build + (child ? 0.05 : 0);
            double legLength = child ? uniform(rnd, 0.43, 0.46) : uniform(rnd, 0.48, 0.52);
            hipY = 1 - legLength;
            shoulderY = hh * 1.33 + 0.005;
            double ankle = 0.035;
            thigh = 0.49 * (legLength - ankle);
            shin = 0.51 * (legLength - ankle);
            double arm = child ? 0.40 : 0.44;
            upperArm = 0.42 * arm;
            forearm = 0.34 * arm;
            handOffset = 0.08 * arm;
            shoulderHalf = (child ? 0.095 : 0.105) * build;
            hipHalf = 0.085 * (0.5 + 0.5 * build);
            waistHalf = hipHalf * uniform(rnd, 0.85, 1.0) * (build > 1.15 ? 1.1 : 1);
            if (varied) {
                double u = rnd.nextDouble();
                upper = u < 0.6 ? Upper.SHIRT : (u < 0.8 ? Upper.COAT : Upper.DRESS);
            } else {
                upper = Upper.SHIRT;
            }
            if (upper == Upper.DRESS) {
                lower = Lower.NONE;
            } else {
                double u = rnd.nextDouble();
                boolean skirt = u < 0.3;
                boolean shorts = varied && !skirt && u < 0.45;
                lower = skirt ? Lower.SKIRT : (shorts ? Lower.SHORTS : (rnd.nextDouble() < 0.4 || varied ? Lower.LONG_PANTS : Lower.SHORTS));
            }
            sleeves = upper == Upper.COAT ? Sleeves.LONG : Sleeves.values()[rnd.nextInt(Sleeves.values().length)];
            gloves = rnd.nextDouble() < (upper == Upper.COAT ? 0.35 : 0.15);
            longHair = rnd.nextDouble() < 0.35;
            hat = varied && rnd.nextDouble() < 0.2;
            sunglasses = varied && rnd.nextDouble() < 0.15;
            scarf = varied && rnd.nextDouble() < (upper == Upper.COAT ? 0.4 : 0.1);
            hem = switch (upper) {
                case COAT -> uniform(rnd, 0.35, 0.8);
                case DRESS -> uniform(rnd, 0.55, 1.15);
                case SHIRT -> uniform(rnd, 0.35, 0.8);
            };
        }

        void add(LipClass label, Shape2d shape, double shade) {
            parts.add(new Part(label, shape, shade));
        }

        LipClass upperLabel() {
            return switch (upper) {
                case SHIRT -> LipClass.UPPER_CLOTHES;
                case COAT -> LipClass.COAT;
                case DRESS -> LipClass.DRESS;
            };
        }

        LipClass thighLabel(LipClass leg) {
            return lower == Lower.LONG_PANTS || lower == Lower.SHORTS ? LipClass.PANTS : leg;
        }

        LipClass shinLabel(LipClass leg) {
            return lower == Lower.LONG_PANTS ? LipClass.PANTS : leg;
        }

        // ---------------------------------------------------------------- front view

        void front(PoseFamily pose) {
            double[] upperAngle = new double[2]; // from straight down, positive away from the body axis
            double[] elbow = new double[2]; // forearm relative to the upper arm
            double[] hip = new double[2];
            double[] knee = new double[2];
            double[] shinScale = {1, 1};
            for (int side = 0; side < 2; side++) {
                upperAngle[side] = uniform(rnd, 5, 20);
                elbow[side] = uniform(rnd, -10, 22);
                hip[side] = uniform(rnd, 2, 7);
                knee[side] = uniform(rnd, -3, 3);
            }
            switch (pose) {
                case STANDING -> {
                    if (rnd.nextDouble() < 0.2) { // hands on hips
                        for (int side = 0; side < 2; side++) {
                            upperAngle[side] = uniform(rnd, 35, 50);
                            elbow[side] = uniform(rnd, -125, -100);
                        }
                    }
                }
                case WALKING -> {
                    int front = rnd.nextInt(2);
                    hip[front] = uniform(rnd, 9, 20);
                    knee[front] = uniform(rnd, -12, 0);
                    hip[1 - front] = uniform(rnd, -4, 3);
                    knee[1 - front] = uniform(rnd, 5, 15);
                    shinScale[1 - front] = uniform(rnd, 0.8, 0.95); // the trailing heel lifts
                    upperAngle[front] = uniform(rnd, 2, 10);
                    upperAngle[1 - front] = uniform(rnd, 18, 35);
                }
                case ARMS_RAISED -> {
                    double style = rnd.nextDouble();
                    int only = rnd.nextInt(2);
                    for (int side = 0; side < 2; side++) {
                        if (style < 0.5 || side == only) {
                            if (style < 0.75 || side == only && style >= 0.75 && rnd.nextDouble() < 0.5) {
                                upperAngle[side] = uniform(rnd, 105, 165);
                                elbow[side] = uniform(rnd, -30, 25);
                            } else { // waving: upper arm out, forearm up
                                upperAngle[side] = uniform(rnd, 70, 100);
                                elbow[side] = uniform(rnd, 50, 95);
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException(pose + " is not a front view");
            }

            double hairFall = longHair ? uniform(rnd, 0.6, 1.5) * hh : 0;
            if (longHair) {
                add(LipClass.HAIR, Shape2d.box(-0.4 * hh, 0.35 * hh, 0.8 * hh, 0.75 * hh + hairFall, 0.35 * hh), 0.2 * hh);
            }

            double[][] ankles = new double[2][];
            double[][] knees = new double[2][];
            double[][] hips = new double[2][];
            for (int side = 0; side < 2; side++) {
                double dir = side == 0 ? -1 : 1; // side 0: image left = the person's right
                LipClass leg = side == 0 ? LipClass.RIGHT_LEG : LipClass.LEFT_LEG;
                double h = clamp(hip[side], -10, 40);
                double k = clamp(knee[side], -20, 20);
                double[] hipAt = {dir * 0.045 * build, hipY};
                double[] kneeAt = along(hipAt, dir, h, thigh);
                double[] ankle = along(kneeAt, dir, h + k, shin * shinScale[side]);
                hips[side] = hipAt;
                knees[side] = kneeAt;
                ankles[side] = ankle;
                double thighR = 0.04 * limb;
                double kneeR = 0.029 * limb;
                add(leg, Shape2d.capsule(hipAt, kneeAt, thighR, kneeR), thighR);
                add(shinLabel(leg), Shape2d.capsule(kneeAt, ankle, kneeR, 0.019 * limb), kneeR);
                if (lower != Lower.NONE && lower != Lower.SKIRT) {
                    double[] end = lower == Lower.SHORTS ? lerp(hipAt, kneeAt, 0.6) : kneeAt;
                    add(thighLabel(leg), Shape2d.capsule(hipAt, end, thighR * 1.05, kneeR * 1.1), thighR);
                    if (lower == Lower.LONG_PANTS) {
                        add(LipClass.PANTS, Shape2d.capsule(kneeAt, ankle, kneeR * 1.1, 0.024 * limb), kneeR);
                    }
                }
            }
            for (int side = 0; side < 2; side++) {
                double dir = side == 0 ? -1 : 1;
                LipClass shoe = side == 0 ? LipClass.RIGHT_SHOE : LipClass.LEFT_SHOE;
                double[] a = ankles[side];
                add(shoe, Shape2d.ellipse(a[0] + dir * 0.012, a[1] + 0.01, 0.036, 0.022, 0), 0.02);
            }

            double waistTop = hipY - 0.05;
            switch (lower) {
                case SKIRT -> {
                    double hemY = hipY + hem * thigh;
                    double flare = uniform(rnd, 0.02, 0.07);
                    add(LipClass.SKIRT, Shape2d.polygon(0.006, -hipHalf, waistTop, hipHalf, waistTop,
                            hipHalf + flare, hemY, -hipHalf - flare, hemY), hipHalf);
                }
                case LONG_PANTS, SHORTS -> add(LipClass.PANTS, Shape2d.polygon(0.006, -hipHalf, waistTop, hipHalf, waistTop,
                        hipHalf, hipY + 0.04, -hipHalf, hipY + 0.04), hipHalf);
                case NONE -> {
                    // the dress's skirt is drawn with the torso
                }
            }

            LipClass top = upperLabel();
            if (upper != Upper.SHIRT) {
                double hemY = hipY + hem * thigh;
                double flare = upper == Upper.DRESS ? uniform(rnd, 0.03, 0.09) : uniform(rnd, 0.005, 0.02);
                add(top, Shape2d.polygon(0.006, -hipHalf - 0.004, waistTop - 0.04, hipHalf + 0.004, waistTop - 0.04,
                        hipHalf + flare, hemY, -hipHalf - flare, hemY), hipHalf);
            }
            add(top, Shape2d.polygon(0.01, -shoulderHalf + 0.01, shoulderY, shoulderHalf - 0.01, shoulderY,
                    waistHalf, (shoulderY + hipY) / 2 + 0.02, hipHalf - 0.005, hipY - 0.035, -hipHalf + 0.005, hipY - 0.035,
                    -waistHalf, (shoulderY + hipY) / 2 + 0.02), shoulderHalf * 0.7);
            add(top, Shape2d.capsule(-shoulderHalf + 0.022, shoulderY + 0.012, shoulderHalf - 0.022, shoulderY + 0.012, 0.026, 0.026), 0.02);

            // Neck and head; LIP has no neck class, the skin of the neck is labelled with the face.
            add(LipClass.FACE, Shape2d.capsule(0, 0.85 * hh, 0, shoulderY + 0.005, 0.17 * hh, 0.19 * hh), 0.12 * hh);
            if (scarf) {
                add(LipClass.SCARF, Shape2d.union(
                        Shape2d.capsule(-0.28 * hh, shoulderY - 0.012, 0.28 * hh, shoulderY - 0.012, 0.13 * hh, 0.13 * hh),
                        Shape2d.capsule(0.12 * hh, shoulderY, 0.18 * hh, shoulderY + uniform(rnd, 0.08, 0.16), 0.08 * hh, 0.07 * hh)), 0.1 * hh);
            }
            add(LipClass.HAIR, Shape2d.ellipse(0, 0.48 * hh, 0.43 * hh, 0.5 * hh, 0), 0.3 * hh);
            add(LipClass.FACE, Shape2d.ellipse(0, 0.62 * hh, 0.35 * hh, 0.42 * hh, 0), 0.3 * hh);
            if (rnd.nextDouble() < 0.5) { // a fringe over the forehead
                add(LipClass.HAIR, Shape2d.ellipse(0, 0.22 * hh, 0.4 * hh, uniform(rnd, 0.12, 0.2) * hh, 0), 0.1 * hh);
            }
            if (hat) {
                add(LipClass.HAT, Shape2d.union(Shape2d.ellipse(0, 0.14 * hh, 0.45 * hh, 0.26 * hh, 0),
                        Shape2d.ellipse(0, 0.28 * hh, uniform(rnd, 0.5, 0.8) * hh, 0.07 * hh, 0)), 0.15 * hh);
            }
            if (sunglasses) {
                add(LipClass.SUNGLASSES, Shape2d.union(Shape2d.ellipse(-0.15 * hh, 0.55 * hh, 0.12 * hh, 0.08 * hh, 0),
                        Shape2d.ellipse(0.15 * hh, 0.55 * hh, 0.12 * hh, 0.08 * hh, 0),
                        Shape2d.capsule(-0.1 * hh, 0.53 * hh, 0.1 * hh, 0.53 * hh, 0.025 * hh, 0.025 * hh)), 0);
            }

            // Arms over the torso.
            for (int side = 0; side < 2; side++) {
                double dir = side == 0 ? -1 : 1;
                LipClass arm = side == 0 ? LipClass.RIGHT_ARM : LipClass.LEFT_ARM;
                double a = clamp(upperAngle[side], -20, 175);
                double e = clamp(elbow[side], -150, 150);
                double[] shoulder = {dir * (shoulderHalf - 0.012), shoulderY + 0.016};
                double[] elbowAt = along(shoulder, dir, a, upperArm);
                double[] wrist = along(elbowAt, dir, a + e, forearm);
                double[] hand = along(wrist, dir, a + e, handOffset);
                arm(arm, top, shoulder, elbowAt, wrist, hand);
            }
        }

        private void arm(LipClass arm, LipClass cloth, double[] shoulder, double[] elbowAt, double[] wrist, double[] hand) {
            double upperR = 0.027 * limb;
            double elbowR = 0.022 * limb;
            double wristR = 0.017 * limb;
            add(sleeves == Sleeves.NONE ? arm : cloth, Shape2d.capsule(shoulder, elbowAt, upperR, elbowR), upperR);
            if (sleeves == Sleeves.SHORT) {
                // the bare part of the upper arm below a short sleeve
                double[] sleeveEnd = lerp(shoulder, elbowAt, 0.5);
                add(arm, Shape2d.capsule(sleeveEnd, elbowAt, elbowR * 0.95, elbowR * 0.95), elbowR);
            }
            add(sleeves == Sleeves.LONG ? cloth : arm, Shape2d.capsule(elbowAt, wrist, elbowR, wristR), elbowR);
            add(gloves ? LipClass.GLOVE : arm, Shape2d.circle(hand[0], hand[1], 0.026 * limb), 0.02);
        }

        // ---------------------------------------------------------------- side view

        void side(PoseFamily pose) {
            double facing = rnd.nextBoolean() ? 1 : -1; // +1: facing the image's right
            double bend; // torso lean forward, degrees from upright
            double[] thighAngle = new double[2]; // world angles from straight down, positive forward; [0] far, [1] near
            double[] kneeFlex = new double[2];
            double[] armAngle = new double[2];
            double[] elbowFlex = new double[2];
            switch (pose) {
                case SIDE_VIEW -> {
                    bend = uniform(rnd, -3, 5);
                    double stride = rnd.nextDouble() < 0.3 ? uniform(rnd, 0, 5) : uniform(rnd, 10, 25);
                    int lead = rnd.nextInt(2);
                    thighAngle[lead] = stride;
                    thighAngle[1 - lead] = -stride * uniform(rnd, 0.6, 1.0);
                    kneeFlex[lead] = uniform(rnd, 0, 10);
                    kneeFlex[1 - lead] = uniform(rnd, 0, 25);
                    armAngle[lead] = -stride * uniform(rnd, 0.6, 1.2);
                    armAngle[1 - lead] = stride * uniform(rnd, 0.6, 1.2);
                    elbowFlex[0] = uniform(rnd, 5, 30);
                    elbowFlex[1] = uniform(rnd, 5, 30);
                }
                case RUNNING -> {
                    bend = uniform(rnd, 6, 16);
                    int lead = rnd.nextInt(2);
                    thighAngle[lead] = uniform(rnd, 35, 65);
                    thighAngle[1 - lead] = uniform(rnd, -30, -12);
                    kneeFlex[lead] = uniform(rnd, 25, 70);
                    kneeFlex[1 - lead] = uniform(rnd, 60, 115);
                    armAngle[lead] = uniform(rnd, -55, -25);
                    armAngle[1 - lead] = uniform(rnd, 25, 60);
                    elbowFlex[0] = uniform(rnd, 70, 105);
                    elbowFlex[1] = uniform(rnd, 70, 105);
                }
                case SITTING -> {
                    bend = uniform(rnd, -10, 12);
                    double lap = uniform(rnd, 78, 100);
                    for (int s = 0; s < 2; s++) {
                        thighAngle[s] = lap + uniform(rnd, -6, 6);
                        kneeFlex[s] = uniform(rnd, 70, 110);
                        armAngle[s] = uniform(rnd, 5, 35);
                        elbowFlex[s] = uniform(rnd, 30, 80);
                    }
                }
                case BENDING -> {
                    bend = uniform(rnd, 35, 85);
                    for (int s = 0; s < 2; s++) {
                        thighAngle[s] = uniform(rnd, -8, 8);
                        kneeFlex[s] = uniform(rnd, 0, 25);
                        armAngle[s] = uniform(rnd, -5, 40);
                        elbowFlex[s] = uniform(rnd, 0, 40);
                    }
                }
                default -> throw new IllegalStateException(pose + " is not a side view");
            }
            bend = clamp(bend, -10, 90);
            double br = Math.toRadians(bend);
            double[] up = {facing * Math.sin(br), -Math.cos(br)}; // torso axis, hips to neck
            double[] fwd = {facing * Math.cos(br), Math.sin(br)}; // the way the chest faces
            double torso = hipY - shoulderY;
            double[] hipAt = {0, hipY};
            double[] neck = at(hipAt, up, torso, fwd, 0);
            // the head stays more upright than a bent torso, as people look where they go
            double hr = Math.toRadians(bend * 0.55);
            double[] headUp = {facing * Math.sin(hr), -Math.cos(hr)};
            double[] headFwd = {facing * Math.cos(hr), Math.sin(hr)};
            double[] head = at(neck, headUp, 0.3 * hh + 0.5 * hh, headFwd, 0.03 * hh);
            double headAngle = facing * hr;

            LipClass near = facing > 0 ? LipClass.RIGHT_ARM : LipClass.LEFT_ARM;
            LipClass far = facing > 0 ? LipClass.LEFT_ARM : LipClass.RIGHT_ARM;
            LipClass nearLeg = facing > 0 ? LipClass.RIGHT_LEG : LipClass.LEFT_LEG;
            LipClass farLeg = facing > 0 ? LipClass.LEFT_LEG : LipClass.RIGHT_LEG;
            LipClass nearShoe = facing > 0 ? LipClass.RIGHT_SHOE : LipClass.LEFT_SHOE;
            LipClass farShoe = facing > 0 ? LipClass.LEFT_SHOE : LipClass.RIGHT_SHOE;
            LipClass top = upperLabel();

            if (longHair) {
                double fall = uniform(rnd, 0.5, 1.4) * hh;
                double[] nape = at(head, headUp, -0.1 * hh, headFwd, -0.3 * hh);
                double[] end = at(nape, headUp, -fall, headFwd, -0.08 * hh);
                add(LipClass.HAIR, Shape2d.capsule(nape, end, 0.28 * hh, 0.2 * hh), 0.15 * hh);
            }
            double[] shoulder = at(hipAt, up, torso - 0.03, fwd, -0.005);
            double[][] knees = new double[2][];
            // far arm, far leg, near leg: the far side is drawn first
            sideArm(far, top, shoulder, armAngle[0], elbowFlex[0], bend, facing);
            for (int s = 0; s < 2; s++) {
                double[] hip = at(hipAt, up, 0, fwd, s == 0 ? -0.008 : 0.008);
                knees[s] = sideLeg(s == 0 ? farLeg : nearLeg, s == 0 ? farShoe : nearShoe, hip, thighAngle[s], kneeFlex[s], bend, facing);
            }
            // hips: trousers' seat, skirt, dress or coat skirt over both thighs
            double[] seatLow = at(hipAt, up, -0.035, fwd, 0);
            double[] seatHigh = at(hipAt, up, 0.06, fwd, 0);
            Shape2d seat = Shape2d.capsule(seatLow, seatHigh, 0.062 * build, 0.06 * build);
            if (lower == Lower.LONG_PANTS || lower == Lower.SHORTS) {
                add(LipClass.PANTS, seat, 0.05 * build);
            }
            if (lower == Lower.SKIRT || upper != Upper.SHIRT) {
                LipClass cover = lower == Lower.SKIRT ? LipClass.SKIRT : top;
                Shape2d[] skirt = new Shape2d[3];
                skirt[0] = seat;
                for (int s = 0; s < 2; s++) {
                    double[] end = lerp(hipAt, knees[s], Math.min(1.0, hem));
                    skirt[1 + s] = Shape2d.capsule(hipAt, end, 0.062 * build, 0.05 * build + 0.03 * hem);
                }
                add(cover, Shape2d.union(skirt), 0.05 * build);
            }
            double d = 0.5 + 0.5 * build;
            double[] outline = {
                    px(hipAt, up, -0.02, fwd, -0.06 * d), py(hipAt, up, -0.02, fwd, -0.06 * d),
                    px(hipAt, up, -0.02, fwd, 0.05 * d), py(hipAt, up, -0.02, fwd, 0.05 * d),
                    px(hipAt, up, 0.35 * torso, fwd, 0.045 * d), py(hipAt, up, 0.35 * torso, fwd, 0.045 * d),
                    px(hipAt, up, 0.72 * torso, fwd, 0.068 * d), py(hipAt, up, 0.72 * torso, fwd, 0.068 * d),
                    px(hipAt, up, torso, fwd, 0.035 * d), py(hipAt, up, torso, fwd, 0.035 * d),
                    px(hipAt, up, torso + 0.005, fwd, -0.045 * d), py(hipAt, up, torso + 0.005, fwd, -0.045 * d),
                    px(hipAt, up, 0.55 * torso, fwd, -0.05 * d), py(hipAt, up, 0.55 * torso, fwd, -0.05 * d),
                    px(hipAt, up, 0.2 * torso, fwd, -0.062 * d), py(hipAt, up, 0.2 * torso, fwd, -0.062 * d)};
            add(top, Shape2d.polygon(0.012, outline), 0.05 * d);

            // neck, scarf, head in profile: skull (hair), face in front, a nose, a hairline
            double[] chin = at(head, headUp, -0.35 * hh, headFwd, 0.05 * hh);
            add(LipClass.FACE, Shape2d.capsule(chin, at(neck, up, 0.005, fwd, 0.005), 0.17 * hh, 0.2 * hh), 0.12 * hh);
            if (scarf) {
                double[] wrapBack = at(neck, up, 0.01, fwd, -0.2 * hh);
                double[] wrapFront = at(neck, up, 0.01, fwd, 0.25 * hh);
                double[] tail = at(wrapFront, up, -uniform(rnd, 0.06, 0.14), fwd, 0.03 * hh);
                add(LipClass.SCARF, Shape2d.union(Shape2d.capsule(wrapBack, wrapFront, 0.14 * hh, 0.14 * hh),
                        Shape2d.capsule(wrapFront, tail, 0.09 * hh, 0.07 * hh)), 0.1 * hh);
            }
            add(LipClass.HAIR, Shape2d.ellipse(head[0], head[1], 0.47 * hh, 0.5 * hh, headAngle), 0.3 * hh);
            double[] faceAt = at(head, headUp, -0.1 * hh, headFwd, 0.14 * hh);
            add(LipClass.FACE, Shape2d.ellipse(faceAt[0], faceAt[1], 0.36 * hh, 0.4 * hh, headAngle), 0.25 * hh);
            double[] nose = at(head, headUp, -0.02 * hh, headFwd, 0.47 * hh);
            add(LipClass.FACE, Shape2d.circle(nose[0], nose[1], 0.07 * hh), 0);
            double[] hairline = at(head, headUp, 0.28 * hh, headFwd, -0.04 * hh);
            add(LipClass.HAIR, Shape2d.ellipse(hairline[0], hairline[1], 0.46 * hh, 0.24 * hh, headAngle), 0.1 * hh);
            if (hat) {
                double[] crown = at(head, headUp, 0.3 * hh, headFwd, 0);
                double[] brimBack = at(head, headUp, 0.16 * hh, headFwd, -0.45 * hh);
                double[] brimFront = at(head, headUp, 0.16 * hh, headFwd, uniform(rnd, 0.6, 0.85) * hh);
                add(LipClass.HAT, Shape2d.union(Shape2d.ellipse(crown[0], crown[1], 0.48 * hh, 0.28 * hh, headAngle),
                        Shape2d.capsule(brimBack, brimFront, 0.05 * hh, 0.04 * hh)), 0.15 * hh);
            }
            if (sunglasses) {
                double[] lens = at(head, headUp, 0.05 * hh, headFwd, 0.36 * hh);
                double[] arm = at(head, headUp, 0.08 * hh, headFwd, -0.05 * hh);
                add(LipClass.SUNGLASSES, Shape2d.union(Shape2d.ellipse(lens[0], lens[1], 0.1 * hh, 0.08 * hh, headAngle),
                        Shape2d.capsule(arm, lens, 0.025 * hh, 0.025 * hh)), 0);
            }
            sideArm(near, top, shoulder, armAngle[1], elbowFlex[1], bend, facing);
        }

        private void sideArm(LipClass arm, LipClass cloth, double[] shoulder, double angle, double flex, double bend, double facing) {
            // shoulder flexion is measured from the torso: limit the world angle accordingly
            double a = clamp(angle, -60 - bend, 180 - bend);
            double e = clamp(flex, 0, 150);
            double[] elbowAt = forward(shoulder, facing, a, upperArm);
            double[] wrist = forward(elbowAt, facing, a + e, forearm);
            double[] hand = forward(wrist, facing, a + e, handOffset);
            arm(arm, cloth, shoulder, elbowAt, wrist, hand);
        }

        /** Draws one leg and its shoe; returns the knee. */
        private double[] sideLeg(LipClass leg, LipClass shoe, double[] hip, double angle, double flex, double bend, double facing) {
            double t = clamp(angle, -35 - bend, 125 - bend);
            double k = clamp(flex, 0, 150);
            double[] kneeAt = forward(hip, facing, t, thigh);
            double[] ankle = forward(kneeAt, facing, t - k, shin);
            double thighR = 0.042 * limb;
            double kneeR = 0.029 * limb;
            add(leg, Shape2d.capsule(hip, kneeAt, thighR, kneeR), thighR);
            add(shinLabel(leg), Shape2d.capsule(kneeAt, ankle, kneeR, 0.02 * limb), kneeR);
            if (lower == Lower.LONG_PANTS || lower == Lower.SHORTS) {
                double[] end = lower == Lower.SHORTS ? lerp(hip, kneeAt, 0.6) : kneeAt;
                add(LipClass.PANTS, Shape2d.capsule(hip, end, thighR * 1.05, kneeR * 1.1), thighR);
                if (lower == Lower.LONG_PANTS) {
                    add(LipClass.PANTS, Shape2d.capsule(kneeAt, ankle, kneeR * 1.1, 0.025 * limb), kneeR);
                }
            }
            // the foot points forward, roughly square to the shin, toes dropping a little
            double footAngle = clamp(t - k + 90 - uniform(rnd, 0, 20), 20, 200);
            double footLength = 0.15 * (1 - hipY) / 0.5;
            double[] toeDir = forward(new double[] {0, 0}, facing, footAngle, 1);
            double[] sole = forward(new double[] {0, 0}, facing, footAngle - 90, 1);
            double[] heel = {ankle[0] - toeDir[0] * 0.02 + sole[0] * 0.015, ankle[1] - toeDir[1] * 0.02 + sole[1] * 0.015};
            double[] toe = {ankle[0] + toeDir[0] * footLength * 0.7 + sole[0] * 0.02, ankle[1] + toeDir[1] * footLength * 0.7 + sole[1] * 0.02};
            add(shoe, Shape2d.capsule(heel, toe, 0.025, 0.018), 0.015);
            return kneeAt;
        }
    }

    /** A point {@code length} from {@code from}, {@code degreesFromDown} off straight down, towards {@code outward}. */
    private static double[] along(double[] from, double outward, double degreesFromDown, double length) {
        double a = Math.toRadians(degreesFromDown);
        return new double[] {from[0] + outward * Math.sin(a) * length, from[1] + Math.cos(a) * length};
    }

    /** As {@link #along}, with positive angles pointing the way the person faces. */
    private static double[] forward(double[] from, double facing, double degreesFromDown, double length) {
        return along(from, facing, degreesFromDown, length);
    }

    private static double[] at(double[] origin, double[] axis, double a, double[] across, double b) {
        return new double[] {origin[0] + axis[0] * a + across[0] * b, origin[1] + axis[1] * a + across[1] * b};
    }

    private static double px(double[] origin, double[] axis, double a, double[] across, double b) {
        return origin[0] + axis[0] * a + across[0] * b;
    }

    private static double py(double[] origin, double[] axis, double a, double[] across, double b) {
        return origin[1] + axis[1] * a + across[1] * b;
    }

    private static double[] lerp(double[] a, double[] b, double t) {
        return new double[] {a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t};
    }
}
