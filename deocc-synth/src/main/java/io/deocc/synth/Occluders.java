package io.deocc.synth;

import io.deocc.api.image.RgbaImage;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes one occluder: painted into its own canvas (label 1 where it is solid), with the line it
 * will slide along ({@code dirX, dirY}) through an aim point, all in image pixels. The sizes are
 * relative to the person's bounding box; {@code grow} enlarges everything on later attempts.
 */
final class Occluders {
    /** A painted occluder and its path: its centre moves along the direction through the aim point. */
    record Sprite(OccluderKind kind, Canvas canvas, double dirX, double dirY, double aimX, double aimY) {}

    /** The person's bounding box in the image, in pixels. */
    record PersonBox(int x, int y, int width, int height) {
        double centreX() {
            return x + width / 2.0;
        }

        double centreY() {
            return y + height / 2.0;
        }
    }

    private Occluders() {}

    static Sprite create(OccluderKind kind, SplittableRandom rnd, PersonBox person, int imageWidth, int imageHeight, double grow,
            boolean rich, List<RgbaImage> cutouts, Set<PoseFamily> poses) {
        double pw = Math.max(4, person.width());
        double ph = Math.max(4, person.height());
        return switch (kind) {
            case BOX -> box(rnd, person, pw, ph, grow, rich);
            case POLE -> pole(rnd, person, pw, imageHeight, grow, rich);
            case FURNITURE -> furniture(rnd, person, pw, ph, grow, rich);
            case BLOB -> blob(rnd, person, ph, grow, rich);
            case WALL -> wall(rnd, person, pw, ph, imageWidth, imageHeight, grow, rich);
            case PERSON -> person(rnd, person, ph, grow, poses);
            case CUTOUT -> cutout(rnd, person, pw, ph, grow, cutouts);
            case BORDER -> throw new IllegalArgumentException("the border is not a sprite");
        };
    }

    /** A wall across the whole image width, sliding up from below: it can always reach any share. */
    static Sprite fallbackWall(SplittableRandom rnd, PersonBox person, int imageWidth, int imageHeight, boolean rich) {
        Canvas c = new Canvas(imageWidth + 2, imageHeight + 2);
        c.fill(Shape2d.box(0, 0, c.width, c.height, 0), 1, objectTexture(rnd, person.height(), rich), false, 0);
        return new Sprite(OccluderKind.WALL, c, 0, -1, imageWidth / 2.0, person.centreY());
    }

    private static Sprite box(SplittableRandom rnd, PersonBox p, double pw, double ph, double grow, boolean rich) {
        double w = pw * PersonFigure.uniform(rnd, 0.5, 1.4) * grow;
        double h = ph * PersonFigure.uniform(rnd, 0.2, 0.55) * grow;
        double round = Math.min(w, h) * (rnd.nextDouble() < 0.5 ? 0 : PersonFigure.uniform(rnd, 0.05, 0.35));
        Canvas c = canvas(w, h);
        Texture look = objectTexture(rnd, ph, rich);
        c.fill(Shape2d.box(0.5, 0.5, c.width - 1, c.height - 1, round), 1, look, rich, rich ? Math.min(w, h) * 0.12 : 0);
        return withPath(rnd, OccluderKind.BOX, c, p, 0.5);
    }

    private static Sprite pole(SplittableRandom rnd, PersonBox p, double pw, int imageHeight, double grow, boolean rich) {
        double w = Math.max(2, pw * PersonFigure.uniform(rnd, 0.12, 0.45) * grow);
        Canvas c = new Canvas((int) Math.ceil(w) + 1, imageHeight + 2);
        Texture look = rich && rnd.nextBoolean()
                ? Texture.of(Texture.Kind.STRIPES, Texture.colour(rnd, 0.0, 0.3, 0.3, 0.8), Texture.colour(rnd, 0.0, 0.3, 0.2, 0.6),
                        Math.PI / 2 + PersonFigure.uniform(rnd, -0.05, 0.05), w * 0.15, 3, rnd.nextLong())
                : objectTexture(rnd, w * 8, rich);
        c.fill(Shape2d.box(0.5, 0, w, c.height, 0), 1, look, rich, rich ? w / 2 : 0);
        double aimX = p.centreX() + (rnd.nextDouble() - 0.5) * 0.8 * pw;
        return new Sprite(OccluderKind.POLE, c, rnd.nextBoolean() ? 1 : -1, 0, aimX, imageHeight / 2.0 + 1);
    }

    private static Sprite furniture(SplittableRandom rnd, PersonBox p, double pw, double ph, double grow, boolean rich) {
        double w = pw * PersonFigure.uniform(rnd, 0.8, 1.8) * grow;
        double h = ph * PersonFigure.uniform(rnd, 0.3, 0.6) * grow;
        Canvas c = canvas(w, h);
        double t = Math.max(1.5, Math.min(w, h) * PersonFigure.uniform(rnd, 0.06, 0.12)); // board thickness
        double x0 = 0.5;
        double y0 = 0.5;
        double x1 = c.width - 1;
        double y1 = c.height - 1;
        Shape2d shape = switch (rnd.nextInt(4)) {
            case 0 -> Shape2d.union( // table: top and two legs
                    Shape2d.box(x0, y0, x1 - x0, t * 1.5, t * 0.3),
                    Shape2d.box(x0 + t, y0, t, y1 - y0, 0),
                    Shape2d.box(x1 - 2 * t, y0, t, y1 - y0, 0));
            case 1 -> Shape2d.union( // chair back: two posts, rails, seat
                    Shape2d.box(x0, y0, t, y1 - y0, t * 0.3),
                    Shape2d.box(x1 - t, y0, t, y1 - y0, t * 0.3),
                    Shape2d.box(x0, y0, x1 - x0, t * 1.2, t * 0.4),
                    Shape2d.box(x0, y0 + (y1 - y0) * 0.3, x1 - x0, t, 0),
                    Shape2d.box(x0, y0 + (y1 - y0) * 0.6, x1 - x0, t * 1.4, 0));
            case 2 -> Shape2d.union( // counter: a body and an overhanging top
                    Shape2d.box(x0 + t, y0 + t, x1 - x0 - 2 * t, y1 - y0 - t, 0),
                    Shape2d.box(x0, y0, x1 - x0, t * 1.3, t * 0.3));
            default -> Shape2d.union( // sofa: a rounded body and two arm rests
                    Shape2d.box(x0 + t * 2, y0 + (y1 - y0) * 0.2, x1 - x0 - 4 * t, (y1 - y0) * 0.8, t),
                    Shape2d.box(x0, y0 + (y1 - y0) * 0.35, t * 2.5, (y1 - y0) * 0.65, t),
                    Shape2d.box(x1 - t * 2.5, y0 + (y1 - y0) * 0.35, t * 2.5, (y1 - y0) * 0.65, t));
        };
        c.fill(shape, 1, objectTexture(rnd, ph, rich), rich, rich ? t : 0);
        return withPath(rnd, OccluderKind.FURNITURE, c, p, 0.7);
    }

    private static Sprite blob(SplittableRandom rnd, PersonBox p, double ph, double grow, boolean rich) {
        double radius = ph * PersonFigure.uniform(rnd, 0.12, 0.3) * grow;
        Canvas c = canvas(radius * 3.2, radius * 3.2);
        double cx = c.width / 2.0;
        double cy = c.height / 2.0;
        int lobes = 3 + rnd.nextInt(4);
        Shape2d[] parts = new Shape2d[lobes];
        for (int i = 0; i < lobes; i++) {
            double a = rnd.nextDouble() * 2 * Math.PI;
            double d = radius * PersonFigure.uniform(rnd, 0.0, 0.6);
            double rx = radius * PersonFigure.uniform(rnd, 0.5, 0.95);
            double ry = radius * PersonFigure.uniform(rnd, 0.5, 0.95);
            parts[i] = Shape2d.ellipse(cx + Math.cos(a) * d, cy + Math.sin(a) * d, rx, ry, rnd.nextDouble() * Math.PI);
        }
        Shape2d shape = Shape2d.union(parts);
        if (rich) {
            shape = Shape2d.wobbly(shape, radius * 0.08, Math.max(2, radius * 0.25), rnd.nextLong());
        }
        Texture look = rich && rnd.nextBoolean()
                ? Texture.of(Texture.Kind.BLOTCHES, Texture.colour(rnd, 0.4, 0.9, 0.2, 0.6), Texture.colour(rnd, 0.3, 0.9, 0.3, 0.8),
                        0, radius * 0.3, 10, rnd.nextLong())
                : objectTexture(rnd, ph, rich);
        c.fill(shape, 1, look, rich, rich ? radius * 0.3 : 0);
        return withPath(rnd, OccluderKind.BLOB, c, p, 0.3);
    }

    private static Sprite wall(SplittableRandom rnd, PersonBox p, double pw, double ph, int imageWidth, int imageHeight, double grow,
            boolean rich) {
        double w = Math.min(imageWidth + 2.0, pw * PersonFigure.uniform(rnd, 1.5, 4.0) * grow);
        Canvas c = new Canvas((int) Math.ceil(w) + 1, imageHeight + 2);
        double slope = rich ? PersonFigure.uniform(rnd, -0.15, 0.15) * w : 0;
        double topLeft = Math.max(0, slope);
        double topRight = Math.max(0, -slope);
        Shape2d shape = Shape2d.polygon(0, 0.5, topLeft + 0.5, w, topRight + 0.5, w, c.height, 0.5, c.height);
        Texture look = rich && rnd.nextBoolean()
                ? Texture.of(Texture.Kind.BRICKS, Texture.colour(rnd, 0.3, 0.7, 0.3, 0.7), Texture.colour(rnd, 0.0, 0.1, 0.6, 0.9),
                        0, Math.max(3, ph / 18), 4, rnd.nextLong())
                : objectTexture(rnd, ph, rich);
        c.fill(shape, 1, look, false, 0);
        double aimX = p.centreX() + (rnd.nextDouble() - 0.5) * 0.6 * pw;
        return new Sprite(OccluderKind.WALL, c, 0, -1, aimX, p.centreY());
    }

    private static Sprite person(SplittableRandom rnd, PersonBox p, double ph, double grow, Set<PoseFamily> poses) {
        PersonFigure figure = PersonFigure.random(rnd, poses, true);
        double[] b = figure.bounds(0);
        double stature = ph * PersonFigure.uniform(rnd, 0.85, 1.3) * grow;
        double scale = stature / Math.max(0.5, b[3] - b[1]);
        double w = (b[2] - b[0]) * scale;
        double h = (b[3] - b[1]) * scale;
        Canvas c = canvas(w + 2, h + 2);
        Shape2d.Similarity place = Shape2d.Similarity.of(scale, 0, 1 - b[0] * scale, 1 - b[1] * scale);
        Outfit.random(rnd, h, true).paint(c, figure.transformed(place), true);
        // people in front stand closer to the camera, so their feet are lower in the image
        double feet = p.y() + p.height() + PersonFigure.uniform(rnd, 0.0, 0.25) * p.height();
        double aimY = feet - c.height / 2.0;
        double aimX = p.centreX() + (rnd.nextDouble() - 0.5) * p.width();
        return new Sprite(OccluderKind.PERSON, c, rnd.nextBoolean() ? 1 : -1, 0, aimX, aimY);
    }

    private static Sprite cutout(SplittableRandom rnd, PersonBox p, double pw, double ph, double grow, List<RgbaImage> cutouts) {
        RgbaImage image = cutouts.get(rnd.nextInt(cutouts.size()));
        double scale = ph * PersonFigure.uniform(rnd, 0.3, 0.8) * grow / image.height();
        scale = Math.min(scale, 2.5 * pw * grow / image.width());
        int w = Math.max(2, (int) Math.round(image.width() * scale));
        int h = Math.max(2, (int) Math.round(image.height() * scale));
        Canvas c = new Canvas(w, h);
        int[] argb = image.toArray();
        int sw = image.width();
        int sh = image.height();
        for (int y = 0; y < h; y++) {
            double sy = Math.max(0, Math.min(sh - 1.0, (y + 0.5) * sh / (double) h - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(sh - 1, y0 + 1);
            double fy = sy - y0;
            for (int x = 0; x < w; x++) {
                double sx = Math.max(0, Math.min(sw - 1.0, (x + 0.5) * sw / (double) w - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(sw - 1, x0 + 1);
                double fx = sx - x0;
                double[] acc = new double[4];
                sample(acc, argb[y0 * sw + x0], (1 - fx) * (1 - fy));
                sample(acc, argb[y0 * sw + x1], fx * (1 - fy));
                sample(acc, argb[y1 * sw + x0], (1 - fx) * fy);
                sample(acc, argb[y1 * sw + x1], fx * fy);
                int i = y * w + x;
                c.alpha[i] = (float) acc[0];
                c.red[i] = (float) acc[1];
                c.green[i] = (float) acc[2];
                c.blue[i] = (float) acc[3];
                if (acc[0] >= 0.5) {
                    c.labels[i] = 1;
                }
            }
        }
        return withPath(rnd, OccluderKind.CUTOUT, c, p, 0.5);
    }

    /** Adds a premultiplied sample (alpha in [0, 1], colours in [0, 255] times alpha). */
    private static void sample(double[] acc, int argb, double weight) {
        double a = (argb >>> 24) / 255.0;
        acc[0] += a * weight;
        acc[1] += ((argb >> 16) & 0xFF) * a * weight;
        acc[2] += ((argb >> 8) & 0xFF) * a * weight;
        acc[3] += (argb & 0xFF) * a * weight;
    }

    /** Objects standing on the ground rise from below with probability {@code fromBelow}; others come in from a side or at an angle. */
    private static Sprite withPath(SplittableRandom rnd, OccluderKind kind, Canvas c, PersonBox p, double fromBelow) {
        double aimX = p.centreX() + (rnd.nextDouble() - 0.5) * 0.6 * p.width();
        double aimY = p.y() + rnd.nextDouble() * p.height();
        double u = rnd.nextDouble();
        if (u < fromBelow) {
            return new Sprite(kind, c, 0, -1, aimX, aimY);
        }
        double angle = u < fromBelow + (1 - fromBelow) * 0.6 ? (rnd.nextBoolean() ? 0 : Math.PI) : rnd.nextDouble() * 2 * Math.PI;
        return new Sprite(kind, c, Math.cos(angle), Math.sin(angle), aimX, aimY);
    }

    private static Canvas canvas(double w, double h) {
        return new Canvas(Math.max(2, (int) Math.ceil(w) + 1), Math.max(2, (int) Math.ceil(h) + 1));
    }

    /** A surface for an object: wood, cardboard, painted metal or fabric, patterned or plain. */
    private static Texture objectTexture(SplittableRandom rnd, double size, boolean rich) {
        int base = Texture.colour(rnd, 0.55, 1.0, 0.3, 0.85);
        int alternate = Texture.colour(rnd, 0.55, 1.0, 0.3, 0.85);
        if (rich && rnd.nextDouble() < 0.4) { // wood or cardboard
            base = Texture.colour(rnd, 0.3, 0.7, 0.35, 0.8) & 0xFFFFFF;
            base = Texture.mix(base, 0x9A6B3F, 0.6);
            alternate = Texture.shade(base, 0.8);
        }
        return Texture.random(rnd, base, alternate, Math.max(3, size / 14), rich);
    }
}
