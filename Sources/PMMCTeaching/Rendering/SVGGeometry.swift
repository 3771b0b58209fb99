/// The shapes a diagram's drawing covers, for placing labels clear of one another and for the
/// tests that check they are: straight segments (arrows, curves cut into segments) and
/// rectangles that may be turned to run along an arrow.
enum SVGGeometry {
    struct Point: Equatable {
        let x: Double
        let y: Double
    }

    struct Segment: Equatable {
        let from: Point
        let to: Point
    }

    /// A rectangle centred on `centre`, its width along the direction (`cos`, `sin`).
    struct Box: Equatable {
        let centre: Point
        let halfWidth: Double
        let halfHeight: Double
        let cos: Double
        let sin: Double

        init(centre: Point, halfWidth: Double, halfHeight: Double, cos: Double = 1, sin: Double = 0) {
            self.centre = centre
            self.halfWidth = halfWidth
            self.halfHeight = halfHeight
            self.cos = cos
            self.sin = sin
        }

        /// An upright box from its corners.
        init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.init(centre: Point(x: (minX + maxX) / 2, y: (minY + maxY) / 2),
                      halfWidth: (maxX - minX) / 2, halfHeight: (maxY - minY) / 2)
        }

        var corners: [Point] {
            [(-1.0, -1.0), (1, -1), (1, 1), (-1, 1)].map { sx, sy in
                Point(x: centre.x + sx * halfWidth * cos - sy * halfHeight * sin,
                      y: centre.y + sx * halfWidth * sin + sy * halfHeight * cos)
            }
        }

        /// The smallest upright rectangle around the box.
        var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
            let xs = corners.map(\.x), ys = corners.map(\.y)
            return (xs.min()!, ys.min()!, xs.max()!, ys.max()!)
        }

        /// Whether the two boxes share more than a sliver (`tolerance` pixels).
        func intersects(_ other: Box, tolerance: Double = 0.5) -> Bool {
            let axes = [(cos, sin), (-sin, cos), (other.cos, other.sin), (-other.sin, other.cos)]
            for (ax, ay) in axes {
                let mine = corners.map { $0.x * ax + $0.y * ay }
                let theirs = other.corners.map { $0.x * ax + $0.y * ay }
                if mine.max()! - tolerance <= theirs.min()! || theirs.max()! - tolerance <= mine.min()! { return false }
            }
            return true
        }

        /// Whether `segment` passes through the box, more than `tolerance` pixels inside it.
        func intersects(_ segment: Segment, tolerance: Double = 0.5) -> Bool {
            func local(_ point: Point) -> (Double, Double) {
                let dx = point.x - centre.x, dy = point.y - centre.y
                return (dx * cos + dy * sin, -dx * sin + dy * cos)
            }
            let (x0, y0) = local(segment.from), (x1, y1) = local(segment.to)
            let hw = halfWidth - tolerance, hh = halfHeight - tolerance
            guard hw > 0, hh > 0 else { return false }
            var low = 0.0, high = 1.0
            for (p, q) in [(-(x1 - x0), x0 + hw), (x1 - x0, hw - x0), (-(y1 - y0), y0 + hh), (y1 - y0, hh - y0)] {
                if p == 0 {
                    if q < 0 { return false }
                    continue
                }
                let t = q / p
                if p < 0 { low = max(low, t) } else { high = min(high, t) }
                if low > high { return false }
            }
            return true
        }

        /// Whether `other` lies wholly inside this box (upright boxes only), within `tolerance`.
        func contains(_ other: Box, tolerance: Double = 0.5) -> Bool {
            let outer = bounds, inner = other.bounds
            return inner.minX >= outer.minX - tolerance && inner.maxX <= outer.maxX + tolerance
                && inner.minY >= outer.minY - tolerance && inner.maxY <= outer.maxY + tolerance
        }
    }
}
