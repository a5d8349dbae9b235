package io.deocc.synth;

/**
 * A filled 2-D shape given by an approximate signed distance: negative inside, positive outside,
 * about one unit per unit of length near the outline. The sign is exact, so a pixel's label only
 * depends on whether its centre is inside; the magnitude drives anti-aliasing and shading.
 */
interface Shape2d {
    double distance(double x, double y);

    /** A box that contains every point with a negative distance. */
    double minX();

    double minY();

    double maxX();

    double maxY();

    /** This shape moved by {@code t}. */
    Shape2d transformed(Similarity t);

    /** A uniform scale, a rotation and a translation: {@code p' = scale * R(angle) p + (tx, ty)}. */
    record Similarity(double scale, double angle, double tx, double ty) {
        static Similarity of(double scale, double angle, double tx, double ty) {
            return new Similarity(scale, angle, tx, ty);
        }

        double x(double x, double y) {
            return scale * (Math.cos(angle) * x - Math.sin(angle) * y) + tx;
        }

        double y(double x, double y) {
            return scale * (Math.sin(angle) * x + Math.cos(angle) * y) + ty;
        }
    }

    static Shape2d capsule(double ax, double ay, double bx, double by, double ra, double rb) {
        return new Capsule(ax, ay, bx, by, ra, rb);
    }

    static Shape2d capsule(double[] a, double[] b, double ra, double rb) {
        return new Capsule(a[0], a[1], b[0], b[1], ra, rb);
    }

    static Shape2d ellipse(double cx, double cy, double rx, double ry, double angle) {
        return new Ellipse(cx, cy, rx, ry, angle);
    }

    static Shape2d circle(double cx, double cy, double r) {
        return new Ellipse(cx, cy, r, r, 0);
    }

    /** A polygon (any simple outline, convex or not) grown by {@code round} for rounded corners. */
    static Shape2d polygon(double round, double... xy) {
        return new Polygon(xy.clone(), round);
    }

    /** An axis-aligned box with rounded corners. */
    static Shape2d box(double x, double y, double w, double h, double round) {
        double r = Math.max(0, Math.min(round, Math.min(w, h) / 2));
        return new RoundBox(x + w / 2, y + h / 2, w / 2, h / 2, r, 0);
    }

    static Shape2d union(Shape2d... parts) {
        return new Union(parts.clone());
    }

    /** This shape's outline pushed in and out by smooth noise of amplitude {@code amplitude} (same units). */
    static Shape2d wobbly(Shape2d shape, double amplitude, double cell, long salt) {
        return new Wobbly(shape, amplitude, cell, salt);
    }

    /** A segment with a radius that changes linearly from one end to the other. */
    record Capsule(double ax, double ay, double bx, double by, double ra, double rb) implements Shape2d {
        @Override
        public double distance(double x, double y) {
            double vx = bx - ax;
            double vy = by - ay;
            double len2 = vx * vx + vy * vy;
            double h = len2 == 0 ? 0 : ((x - ax) * vx + (y - ay) * vy) / len2;
            h = h < 0 ? 0 : (h > 1 ? 1 : h);
            double dx = x - ax - h * vx;
            double dy = y - ay - h * vy;
            return Math.sqrt(dx * dx + dy * dy) - (ra + (rb - ra) * h);
        }

        private double r() {
            return Math.max(ra, rb);
        }

        @Override
        public double minX() {
            return Math.min(ax, bx) - r();
        }

        @Override
        public double minY() {
            return Math.min(ay, by) - r();
        }

        @Override
        public double maxX() {
            return Math.max(ax, bx) + r();
        }

        @Override
        public double maxY() {
            return Math.max(ay, by) + r();
        }

        @Override
        public Shape2d transformed(Similarity t) {
            return new Capsule(t.x(ax, ay), t.y(ax, ay), t.x(bx, by), t.y(bx, by), ra * t.scale(), rb * t.scale());
        }
    }

    /** An ellipse with half-axes {@code rx, ry}, turned by {@code angle}. */
    final class Ellipse implements Shape2d {
        private final double cx;
        private final double cy;
        private final double rx;
        private final double ry;
        private final double angle;
        private final double cos;
        private final double sin;

        Ellipse(double cx, double cy, double rx, double ry, double angle) {
            this.cx = cx;
            this.cy = cy;
            this.rx = rx;
            this.ry = ry;
            this.angle = angle;
            this.cos = Math.cos(angle);
            this.sin = Math.sin(angle);
        }

        @Override
        public double distance(double x, double y) {
            double px = x - cx;
            double py = y - cy;
            double u = cos * px + sin * py;
            double v = -sin * px + cos * py;
            double k0x = u / rx;
            double k0y = v / ry;
            double k0 = Math.sqrt(k0x * k0x + k0y * k0y);
            double k1x = u / (rx * rx);
            double k1y = v / (ry * ry);
            double k1 = Math.sqrt(k1x * k1x + k1y * k1y);
            if (k1 == 0) {
                return -Math.min(rx, ry);
            }
            // first-order distance estimate: exact sign, good magnitude near the outline
            return k0 * (k0 - 1) / k1;
        }

        private double halfWidth() {
            return Math.sqrt(rx * rx * cos * cos + ry * ry * sin * sin);
        }

        private double halfHeight() {
            return Math.sqrt(rx * rx * sin * sin + ry * ry * cos * cos);
        }

        @Override
        public double minX() {
            return cx - halfWidth();
        }

        @Override
        public double minY() {
            return cy - halfHeight();
        }

        @Override
        public double maxX() {
            return cx + halfWidth();
        }

        @Override
        public double maxY() {
            return cy + halfHeight();
        }

        @Override
        public Shape2d transformed(Similarity t) {
            return new Ellipse(t.x(cx, cy), t.y(cx, cy), rx * t.scale(), ry * t.scale(), angle + t.angle());
        }
    }

    /** A box with half-sides {@code hx, hy} and rounded corners of radius {@code round}, turned by {@code angle}. */
    final class RoundBox implements Shape2d {
        private final double cx;
        private final double cy;
        private final double hx;
        private final double hy;
        private final double round;
        private final double angle;
        private final double cos;
        private final double sin;

        RoundBox(double cx, double cy, double hx, double hy, double round, double angle) {
            this.cx = cx;
            this.cy = cy;
            this.hx = hx;
            this.hy = hy;
            this.round = round;
            this.angle = angle;
            this.cos = Math.cos(angle);
            this.sin = Math.sin(angle);
        }

        @Override
        public double distance(double x, double y) {
            double px = x - cx;
            double py = y - cy;
            double qx = Math.abs(cos * px + sin * py) - (hx - round);
            double qy = Math.abs(-sin * px + cos * py) - (hy - round);
            double ox = Math.max(qx, 0);
            double oy = Math.max(qy, 0);
            return Math.sqrt(ox * ox + oy * oy) + Math.min(Math.max(qx, qy), 0) - round;
        }

        private double halfWidth() {
            return Math.abs(hx * cos) + Math.abs(hy * sin);
        }

        private double halfHeight() {
            return Math.abs(hx * sin) + Math.abs(hy * cos);
        }

        @Override
        public double minX() {
            return cx - halfWidth();
        }

        @Override
        public double minY() {
            return cy - halfHeight();
        }

        @Override
        public double maxX() {
            return cx + halfWidth();
        }

        @Override
        public double maxY() {
            return cy + halfHeight();
        }

        @Override
        public Shape2d transformed(Similarity t) {
            return new RoundBox(t.x(cx, cy), t.y(cx, cy), hx * t.scale(), hy * t.scale(), round * t.scale(), angle + t.angle());
        }
    }

    /** A closed polygon grown by {@code round}. */
    final class Polygon implements Shape2d {
        private final double[] xy;
        private final double round;
        private final double minX;
        private final double minY;
        private final double maxX;
        private final double maxY;

        Polygon(double[] xy, double round) {
            this.xy = xy;
            this.round = round;
            double x0 = Double.MAX_VALUE;
            double y0 = Double.MAX_VALUE;
            double x1 = -Double.MAX_VALUE;
            double y1 = -Double.MAX_VALUE;
            for (int i = 0; i < xy.length; i += 2) {
                x0 = Math.min(x0, xy[i]);
                x1 = Math.max(x1, xy[i]);
                y0 = Math.min(y0, xy[i + 1]);
                y1 = Math.max(y1, xy[i + 1]);
            }
            minX = x0 - round;
            minY = y0 - round;
            maxX = x1 + round;
            maxY = y1 + round;
        }

        @Override
        public double distance(double x, double y) {
            int n = xy.length / 2;
            double best = Double.MAX_VALUE;
            boolean inside = false;
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double xi = xy[2 * i];
                double yi = xy[2 * i + 1];
                double xj = xy[2 * j];
                double yj = xy[2 * j + 1];
                double ex = xj - xi;
                double ey = yj - yi;
                double wx = x - xi;
                double wy = y - yi;
                double len2 = ex * ex + ey * ey;
                double h = len2 == 0 ? 0 : (wx * ex + wy * ey) / len2;
                h = h < 0 ? 0 : (h > 1 ? 1 : h);
                double dx = wx - h * ex;
                double dy = wy - h * ey;
                double d2 = dx * dx + dy * dy;
                if (d2 < best) {
                    best = d2;
                }
                if ((yi > y) != (yj > y) && x < xi + (y - yi) * ex / ey) {
                    inside = !inside;
                }
            }
            double d = Math.sqrt(best);
            return (inside ? -d : d) - round;
        }

        @Override
        public double minX() {
            return minX;
        }

        @Override
        public double minY() {
            return minY;
        }

        @Override
        public double maxX() {
            return maxX;
        }

        @Override
        public double maxY() {
            return maxY;
        }

        @Override
        public Shape2d transformed(Similarity t) {
            double[] out = new double[xy.length];
            for (int i = 0; i < xy.length; i += 2) {
                out[i] = t.x(xy[i], xy[i + 1]);
                out[i + 1] = t.y(xy[i], xy[i + 1]);
            }
            return new Polygon(out, round * t.scale());
        }
    }

    /** The union of several shapes (the least distance). */
    record Union(Shape2d[] parts) implements Shape2d {
        @Override
        public double distance(double x, double y) {
            double d = Double.MAX_VALUE;
            for (Shape2d part : parts) {
                d = Math.min(d, part.distance(x, y));
            }
            return d;
        }

        @Override
        public double minX() {
            double v = Double.MAX_VALUE;
            for (Shape2d part : parts) {
                v = Math.min(v, part.minX());
            }
            return v;
        }

        @Override
        public double minY() {
            double v = Double.MAX_VALUE;
            for (Shape2d part : parts) {
                v = Math.min(v, part.minY());
            }
            return v;
        }

        @Override
        public double maxX() {
            double v = -Double.MAX_VALUE;
            for (Shape2d part : parts) {
                v = Math.max(v, part.maxX());
            }
            return v;
        }

        @Override
        public double maxY() {
            double v = -Double.MAX_VALUE;
            for (Shape2d part : parts) {
                v = Math.max(v, part.maxY());
            }
            return v;
        }

        @Override
        public Shape2d transformed(Similarity t) {
            Shape2d[] out = new Shape2d[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = parts[i].transformed(t);
            }
            return new Union(out);
        }
    }

    /** A shape with a noisy outline; the noise is tied to the shape's own frame through {@code cell}. */
    record Wobbly(Shape2d shape, double amplitude, double cell, long salt) implements Shape2d {
        @Override
        public double distance(double x, double y) {
            return shape.distance(x, y) + amplitude * ValueNoise.at(x / cell, y / cell, salt);
        }

        @Override
        public double minX() {
            return shape.minX() - amplitude;
        }

        @Override
        public double minY() {
            return shape.minY() - amplitude;
        }

        @Override
        public double maxX() {
            return shape.maxX() + amplitude;
        }

        @Override
        public double maxY() {
            return shape.maxY() + amplitude;
        }

        @Override
        public Shape2d transformed(Similarity t) {
            // the noise moves with the translation only roughly; good enough for organic outlines
            return new Wobbly(shape.transformed(t), amplitude * t.scale(), cell * t.scale(), salt);
        }
    }
}
