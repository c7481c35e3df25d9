//! Reading order: lines top to bottom, and left to right within a row, where a row is the lines that
//! overlap vertically.

use crate::geometry::Point;

/// The vertical extent of a box.
fn span(corners: &[Point; 4]) -> (f32, f32) {
    let ys = corners.map(|p| p[1]);
    (ys.iter().copied().fold(f32::MAX, f32::min), ys.iter().copied().fold(f32::MIN, f32::max))
}

fn left(corners: &[Point; 4]) -> f32 {
    corners.iter().map(|p| p[0]).fold(f32::MAX, f32::min)
}

/// The order to read boxes in, and each box's row: boxes sorted by their vertical centre; a box joins
/// the current row when at least half of the shorter of it and the row's last box overlap vertically;
/// each row is then read left to right.
pub fn reading_order(boxes: &[[Point; 4]]) -> Vec<(usize, usize)> {
    let mut by_centre: Vec<usize> = (0..boxes.len()).collect();
    let centre = |i: usize| {
        let (a, b) = span(&boxes[i]);
        (a + b) / 2.0
    };
    by_centre.sort_by(|&a, &b| centre(a).total_cmp(&centre(b)));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in by_centre {
        let (top, bottom) = span(&boxes[i]);
        let joins = rows.last().and_then(|row| row.last()).is_some_and(|&j| {
            let (t, b) = span(&boxes[j]);
            let overlap = bottom.min(b) - top.max(t);
            overlap >= 0.5 * (bottom - top).min(b - t)
        });
        if joins {
            rows.last_mut().expect("a row").push(i);
        } else {
            rows.push(vec![i]);
        }
    }
    let mut out = Vec::with_capacity(boxes.len());
    for (r, mut row) in rows.into_iter().enumerate() {
        row.sort_by(|&a, &b| left(&boxes[a]).total_cmp(&left(&boxes[b])));
        out.extend(row.into_iter().map(|i| (i, r)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(x: f32, y: f32, w: f32, h: f32) -> [Point; 4] {
        [[x, y], [x + w, y], [x + w, y + h], [x, y + h]]
    }

    #[test]
    fn rows_are_read_top_down_and_each_left_to_right() {
        let boxes = [
            rect(300.0, 102.0, 80.0, 30.0), // row 1, right (a little lower)
            rect(20.0, 200.0, 200.0, 30.0), // row 2
            rect(20.0, 100.0, 200.0, 30.0), // row 1, left
            rect(22.0, 20.0, 300.0, 60.0),  // title
        ];
        assert_eq!(reading_order(&boxes), vec![(3, 0), (2, 1), (0, 1), (1, 2)]);
    }

    #[test]
    fn lines_that_barely_touch_are_separate_rows() {
        let boxes = [rect(0.0, 0.0, 100.0, 30.0), rect(200.0, 25.0, 100.0, 30.0)];
        assert_eq!(reading_order(&boxes), vec![(0, 0), (1, 1)]);
    }
}
