import Foundation

/// Round tick values for an axis, after Heckbert's "nice numbers" (as in d3's `ticks`):
/// the step is 1, 2 or 5 times a power of ten, and the domain is widened to whole steps.
public struct NiceTicks: Equatable, Sendable {
    public var step: Double
    public var lower: Double
    public var upper: Double
    /// The tick values, computed as integer multiples of `step` (no accumulated drift).
    public var values: [Double]
    /// Decimal places that print every tick exactly.
    public var decimals: Int

    /// Ticks covering `min...max` with about `count` intervals. Zero-width domains get a unit span.
    public init(min lo0: Double, max hi0: Double, count: Int = 5) {
        var lo = Swift.min(lo0, hi0), hi = Swift.max(lo0, hi0)
        if !(lo.isFinite && hi.isFinite) { lo = 0; hi = 1 }
        if hi - lo < 1e-12 {
            if hi == 0 { hi = 1 } else if hi > 0 { lo = Swift.min(0, lo); hi = hi * 1.0000001 } else { hi = 0 }
        }
        let n = Double(Swift.max(1, count))
        let raw = (hi - lo) / n
        let power = pow(10, floor(log10(raw)))
        let err = raw / power  // in [1, 10)
        let mult: Double = err >= 7.07 ? 10 : err >= 3.16 ? 5 : err >= 1.41 ? 2 : 1
        let step = mult * power
        var i0 = (lo / step).rounded(.down), i1 = (hi / step).rounded(.up)
        // Tick indices far from zero (a huge value on a tiny span) would trap on Int(_:).
        if !(abs(i0) < 1e9 && abs(i1) < 1e9 && step > 0) { i0 = 0; i1 = 1 }
        let a = Int(i0), b = Int(i1)
        self.step = step
        self.lower = Double(a) * step
        self.upper = Double(b) * step
        self.values = (a...b).map { Double($0) * step }
        self.decimals = Swift.max(0, Int(-floor(log10(step) + 1e-9)))
    }

    /// Tick labels with thousands separators.
    public var labels: [String] { values.map { NumberFormat.grouped($0, places: decimals) } }
}

/// Maps a value domain onto a pixel range, linearly.
public struct LinearScale: Equatable, Sendable {
    public var domain: (Double, Double) { (d0, d1) }
    public var d0: Double, d1: Double, r0: Double, r1: Double
    public init(domain: (Double, Double), range: (Double, Double)) {
        d0 = domain.0; d1 = domain.1; r0 = range.0; r1 = range.1
    }
    public func callAsFunction(_ v: Double) -> Double {
        d1 == d0 ? r0 : r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }
    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.d0 == b.d0 && a.d1 == b.d1 && a.r0 == b.r0 && a.r1 == b.r1
    }
}
