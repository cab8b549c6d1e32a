// swift-tools-version:6.1
// The libFuzzer target over the document reader, as its own package so that only the reader (Core,
// Ingest, PDF) is built with `--sanitize fuzzer --sanitize address`; see README.md.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which is whatever the clone is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let yusuan = root.lastPathComponent.lowercased()

let package = Package(
    name: "yusuan-fuzz",
    dependencies: [.package(path: "..")],
    targets: [
        // libFuzzer brings `main`: the module is a library of one `@_cdecl` function.
        // YusuanPDFScan: the PDF reader the executable loads at its first PDF, linked here so that
        // it is built (beside the fuzzer) and PDF bytes go through poppler.
        .executableTarget(name: "IngestFuzzer", dependencies: [.product(name: "YusuanReading", package: yusuan),
                                                               .product(name: "YusuanPDFScan", package: yusuan)],
                          path: "IngestFuzzer", swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
    ],
    swiftLanguageModes: [.v6]
)
