// SVG id fixing: Cairo's process-wide surface counter out of the SVG bytes.
import Foundation

/// Cairo names SVG groups after a process-wide surface counter (`id="surface1499"`), so the
/// second chart of a run would differ from the first. Renumber them by first appearance.
func renumberSurfaceIDs(_ data: Data) -> Data {
    let word = Array("surface".utf8)
    let bytes = [UInt8](data)
    var out = [UInt8]()
    out.reserveCapacity(bytes.count + 16)
    var mapping: [ArraySlice<UInt8>: [UInt8]] = [:]
    var i = 0
    while i < bytes.count {
        if bytes[i] == word[0], i + word.count < bytes.count, bytes[i..<(i + word.count)].elementsEqual(word) {
            var j = i + word.count
            while j < bytes.count, (0x30...0x39).contains(bytes[j]) { j += 1 }
            if j > i + word.count {
                let id = bytes[i..<j]
                let new = mapping[id] ?? {
                    let n = Array("surface\(mapping.count + 1)".utf8); mapping[id] = n; return n
                }()
                out += new
                i = j
                continue
            }
        }
        out.append(bytes[i]); i += 1
    }
    return Data(out)
}
