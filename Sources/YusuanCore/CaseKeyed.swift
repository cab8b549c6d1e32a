/// An enum of plain cases with `String` raw values, compared and hashed by its case.
///
/// The standard library compares and hashes such an enum through its raw value: a `String`
/// comparison (for `万元`, a normalising one) at every `==`, and the string hashed at every
/// dictionary or set lookup. The reader does both for every fact and most cells. Equal cases have
/// equal raw values and the reverse, so `==` is unchanged; only hash values differ (they are
/// seeded per process: nothing may depend on them).
public protocol CaseKeyed: RawRepresentable, Hashable, CaseIterable where RawValue == String {}

extension CaseKeyed {
    /// The case's tag: a payload-free enum of fewer than 256 cases is its tag byte
    /// (`CaseKeyedTests` checks every adopter's layout).
    @inline(__always) public var caseTag: UInt8 { unsafeBitCast(self, to: UInt8.self) }
    @inline(__always) public static func == (a: Self, b: Self) -> Bool { a.caseTag == b.caseTag }
    @inline(__always) public func hash(into hasher: inout Hasher) { hasher.combine(caseTag) }
}
