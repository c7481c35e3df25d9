//! Convex hulls and minimum-area rotated rectangles of pixel sets.

pub type Point = [f32; 2];

/// A rotated rectangle: its centre, the unit vector along its first side, and its two side lengths
/// (`width` along `axis`, `height` across it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub center: Point,
    pub axis: Point,
    pub width: f32,
    pub height: f32,
}

impl Rect {
    /// The corners in reading order: top-left, top-right, bottom-right, bottom-left, where "top-left to
    /// top-right" is the side nearer to horizontal, run left to right (image y grows downwards).
    pub fn corners(&self) -> [Point; 4] {
        // Put the axis within 45° of +x; the other side then runs within 45° of +y.
        let [mut ax, mut ay] = self.axis;
        let (mut w, mut h) = (self.width, self.height);
        if ax.abs() < ay.abs() {
            // The axis is nearer to vertical: turn it a quarter, the sides swap.
            (ax, ay) = (ay, -ax);
            (w, h) = (h, w);
        }
        if ax < 0.0 {
            (ax, ay) = (-ax, -ay);
        }
        let (nx, ny) = (-ay, ax); // the axis turned a quarter clockwise on screen: "down" the rectangle
        let [cx, cy] = self.center;
        let (hw, hh) = (w / 2.0, h / 2.0);
        [
            [cx - ax * hw - nx * hh, cy - ay * hw - ny * hh],
            [cx + ax * hw - nx * hh, cy + ay * hw - ny * hh],
            [cx + ax * hw + nx * hh, cy + ay * hw + ny * hh],
            [cx - ax * hw + nx * hh, cy - ay * hw + ny * hh],
        ]
    }

    /// The same rectangle grown by `d` on every side.
    pub fn grown(&self, d: f32) -> Rect {
        Rect { width: self.width + 2.0 * d, height: self.height + 2.0 * d, ..*self }
    }

    pub fn short_side(&self) -> f32 {
        self.width.min(self.height)
    }
}

fn cross(o: Point, a: Point, b: Point) -> f32 {
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
}

/// The convex hull (Andrew's monotone chain), counter-clockwise in a y-up frame, without repeated or
/// collinear points.
pub fn convex_hull(mut points: Vec<Point>) -> Vec<Point> {
    points.sort_by(|a, b| a[0].total_cmp(&b[0]).then(a[1].total_cmp(&b[1])));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    let mut hull: Vec<Point> = Vec::with_capacity(points.len() + 1);
    for pass in 0..2 {
        let start = hull.len();
        let iter: Box<dyn Iterator<Item = &Point>> =
            if pass == 0 { Box::new(points.iter()) } else { Box::new(points.iter().rev()) };
        for &p in iter {
            while hull.len() >= start + 2 && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0.0 {
                hull.pop();
            }
            hull.push(p);
        }
        hull.pop(); // the last point of each chain starts the other
    }
    hull
}

/// The rectangle of least area that holds every point: one of its sides lies along a hull edge, so
/// each edge's direction is tried (rotating calipers, done plainly: hulls of text regions are small).
pub fn min_area_rect(points: Vec<Point>) -> Option<Rect> {
    let hull = convex_hull(points);
    match hull.len() {
        0 => return None,
        1 => return Some(Rect { center: hull[0], axis: [1.0, 0.0], width: 0.0, height: 0.0 }),
        _ => {}
    }
    let mut best: Option<(f32, Rect)> = None;
    for i in 0..hull.len() {
        let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
        let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
        let len = (dx * dx + dy * dy).sqrt();
        if len == 0.0 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        let (mut lo_u, mut hi_u, mut lo_v, mut hi_v) = (f32::MAX, f32::MIN, f32::MAX, f32::MIN);
        for p in &hull {
            let u = p[0] * ux + p[1] * uy;
            let v = -p[0] * uy + p[1] * ux;
            lo_u = lo_u.min(u);
            hi_u = hi_u.max(u);
            lo_v = lo_v.min(v);
            hi_v = hi_v.max(v);
        }
        let area = (hi_u - lo_u) * (hi_v - lo_v);
        if best.as_ref().is_none_or(|(a, _)| area < *a) {
            let (cu, cv) = ((lo_u + hi_u) / 2.0, (lo_v + hi_v) / 2.0);
            let center = [cu * ux - cv * uy, cu * uy + cv * ux];
            best = Some((area, Rect { center, axis: [ux, uy], width: hi_u - lo_u, height: hi_v - lo_v }));
        }
    }
    best.map(|(_, r)| r)
}

/// Whether `p` is inside the convex quadrilateral `q` (either winding), edges included.
pub fn in_convex(q: &[Point; 4], p: Point) -> bool {
    let mut sign = 0.0f32;
    for i in 0..4 {
        let c = cross(q[i], q[(i + 1) % 4], p);
        if c.abs() < 1e-4 {
            continue;
        }
        if sign == 0.0 {
            sign = c.signum();
        } else if c.signum() != sign {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_axis_aligned_block_gives_its_own_rectangle() {
        let pts: Vec<Point> = (0..10).flat_map(|x| (0..4).map(move |y| [x as f32 + 5.0, y as f32 + 2.0])).collect();
        let r = min_area_rect(pts).unwrap();
        assert!((r.width * r.height - 27.0).abs() < 1e-3, "{r:?}");
        let c = r.corners();
        assert_eq!(c.map(|p| p.map(|v| v.round() as i32)), [[5, 2], [14, 2], [14, 5], [5, 5]]);
    }

    #[test]
    fn a_tilted_bar_is_found_at_its_angle_with_corners_in_reading_order() {
        let (s, c) = (0.2f32.sin(), 0.2f32.cos());
        let mut pts = Vec::new();
        for i in 0..200 {
            for j in 0..20 {
                let (u, v) = (i as f32 * 0.5, j as f32 * 0.5);
                pts.push([50.0 + u * c - v * s, 50.0 + u * s + v * c]);
            }
        }
        let r = min_area_rect(pts).unwrap();
        assert!((r.width.max(r.height) - 99.5).abs() < 0.1 && (r.short_side() - 9.5).abs() < 0.1, "{r:?}");
        let [tl, tr, br, bl] = r.corners();
        assert!(tl[0] < tr[0] && tl[1] < tr[1], "the top side runs right and down at 0.2 rad");
        assert!(bl[1] > tl[1] && br[1] > tr[1], "the bottom side is below the top");
        assert!(in_convex(&[tl, tr, br, bl], r.center) && !in_convex(&[tl, tr, br, bl], [0.0, 0.0]));
    }

    #[test]
    fn growing_keeps_the_centre_and_adds_twice_the_distance() {
        let r = Rect { center: [10.0, 10.0], axis: [1.0, 0.0], width: 20.0, height: 4.0 }.grown(3.0);
        assert_eq!((r.width, r.height, r.center), (26.0, 10.0, [10.0, 10.0]));
    }
}
