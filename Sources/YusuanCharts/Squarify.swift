import Foundation

/// Squarified treemap tiling (Bruls, Huizing and van Wijk, 2000), as a pure function.
///
/// Lays `weights` out in `rect` in the given order (sort descending first for the best
/// aspect ratios). Each row is filled while adding the next item does not worsen the row's
/// worst aspect ratio; rows run along the shorter side of the remaining rectangle. `ratio` is
/// the target aspect ratio (1 = squares, as in the paper; d3 defaults to the golden ratio).
/// Returns one rectangle per weight; area is exactly proportional to weight and zero or
/// negative weights get an empty rectangle.
public func squarify(_ weights: [Double], in rect: Rect, ratio: Double = 1) -> [Rect] {
    let n = weights.count
    var out = [Rect](repeating: Rect(x: rect.x, y: rect.y, width: 0, height: 0), count: n)
    var remaining = weights.reduce(0) { $0 + max(0, $1) }
    guard remaining > 0, rect.width > 0, rect.height > 0 else { return out }
    var x0 = rect.minX, y0 = rect.minY
    let x1 = rect.maxX, y1 = rect.maxY
    var i0 = 0
    while i0 < n {
        let dx = x1 - x0, dy = y1 - y0
        // Skip empty items; they keep their empty rectangle.
        var i1 = i0
        while i1 < n, weights[i1] <= 0 { out[i1] = Rect(x: x0, y: y0, width: 0, height: 0); i1 += 1 }
        if i1 == n { break }
        let first = i1
        var sum = weights[i1], minV = sum, maxV = sum
        i1 += 1
        // alpha turns a weight sum into the row's aspect ratio along the shorter side.
        let alpha = max(dy / dx, dx / dy) / (remaining * ratio)
        var beta = sum * sum * alpha
        var worst = max(maxV / beta, beta / minV)
        while i1 < n {
            let v = max(0, weights[i1])
            if v == 0 { i1 += 1; continue }
            let s2 = sum + v
            let mn = min(minV, v), mx = max(maxV, v)
            beta = s2 * s2 * alpha
            let r = max(mx / beta, beta / mn)
            if r > worst { break }
            worst = r; sum = s2; minV = mn; maxV = mx
            i1 += 1
        }
        // Lay the row [first, i1) along the shorter side.
        let fraction = sum / remaining
        if dx < dy {
            // Row spans the full width at the top; items side by side ("dice").
            let h = i1 == n ? dy : dy * fraction
            var x = x0
            for i in first..<i1 {
                let w = max(0, weights[i]) / sum * dx
                out[i] = Rect(x: x, y: y0, width: w, height: h)
                x += w
            }
            y0 += h
        } else {
            // Row spans the full height at the left; items stacked ("slice").
            let w = i1 == n ? dx : dx * fraction
            var y = y0
            for i in first..<i1 {
                let h = max(0, weights[i]) / sum * dy
                out[i] = Rect(x: x0, y: y, width: w, height: h)
                y += h
            }
            x0 += w
        }
        remaining -= sum
        i0 = i1
    }
    return out
}
