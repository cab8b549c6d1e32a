// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "yusuan",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "yusuan", targets: ["yusuan"]),
        .executable(name: "yusuan-bench", targets: ["YusuanBenchmarks"]),
        // For the libFuzzer package in Fuzz/, which builds the reader with -sanitize=fuzzer.
        .library(name: "YusuanReading", targets: ["YusuanCore", "YusuanIngest"]),
        // Everything poppler: loaded by the executable the first time it reads a PDF, from beside
        // the executable (see Sources/CPDFAPI): the other commands start without poppler's ~20
        // shared libraries. `make build`, `make release` and `make test` build it.
        .library(name: "YusuanPDFScan", type: .dynamic, targets: ["CPDFScan"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/google/swift-benchmark", exact: "0.1.2"),
    ],
    targets: [
        // The vocabulary: money, units, codes, facts. Foundation only.
        .target(name: "YusuanCore", resources: [.copy("Resources")]),
        // Bytes -> facts: decoding, normalising, table and narrative readers.
        .target(name: "YusuanIngest", dependencies: ["YusuanCore", "YusuanPDF"]),
        // Facts <-> SQLite through GRDB.
        .target(name: "YusuanStore", dependencies: [
            "YusuanCore", .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's own binding calls, for the insert loops of an ingest (see `RowBinder`).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // Catalogue, registry, series, change and share, checks.
        .target(name: "YusuanAnalysis", dependencies: [
            "YusuanCore", .product(name: "Yams", package: "Yams"),
        ], resources: [.copy("Resources")]),
        // System library over pangocairo, for its headers: the functions are called through
        // CGraphics's table. SwiftPM still links pkg-config's libraries into the executable;
        // `make release` takes them off its start-up list (scripts/unlink-graphics.sh).
        .systemLibrary(name: "CCairo", pkgConfig: "pangocairo",
                       providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]),
        // Cairo, Pango and fontconfig as a table of functions loaded with dlopen at the first
        // drawing, or on the other core while a command that draws starts (Sources/CGraphics).
        // CCairo above gives the headers.
        .target(name: "CGraphics", dependencies: ["CCairo"], linkerSettings: [.linkedLibrary("dl")]),
        // System library over zlib, for the PNG encoder; nothing else.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // System library over poppler-glib (GPL: see LICENSE); nothing else.
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib",
                       providers: [.apt(["libpoppler-glib-dev"])]),
        // poppler's core library (its C++ API, Debian's libpoppler-private-dev; GPL like
        // poppler-glib): brings its flags to CPDFScan only.
        .systemLibrary(name: "CPopplerCore", pkgConfig: "poppler",
                       providers: [.apt(["libpoppler-private-dev"])]),
        // What yusuan asks of poppler, as a table of C functions, and the loader that finds
        // libYusuanPDFScan.so at the first PDF (dlopen).
        .target(name: "CPDFAPI", linkerSettings: [.linkedLibrary("dl")]),
        // The table's implementation, built as libYusuanPDFScan.so only: one pass per PDF page
        // through poppler's core (glyphs and painted rectangles), and poppler-glib for the rest.
        .target(name: "CPDFScan", dependencies: ["CPDFAPI", "CPopplerCore", "CPoppler"]),
        // PDF → pages of positioned glyphs → ruled and aligned tables → tab-separated text with
        // page and position per line. Geometry only: no budget knowledge.
        .target(name: "YusuanPDF", dependencies: ["CPDFAPI", "CCairo", "CGraphics"]),
        // Chart specs, pure layout, and the Cairo backend (fonts, measuring, canvas, surfaces, PNG).
        .target(name: "YusuanCharts", dependencies: ["YusuanCore", "CCairo", "CGraphics", "CZlib"]),
        // The briefing and the budget charts: analysis results → chart specs and documents.
        .target(name: "YusuanReport", dependencies: ["YusuanCore", "YusuanStore", "YusuanAnalysis", "YusuanCharts"]),
        .executableTarget(name: "yusuan", dependencies: [
            "YusuanCore", "YusuanIngest", "YusuanPDF", "YusuanStore", "YusuanAnalysis", "YusuanCharts", "YusuanReport",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "YusuanBenchmarks", dependencies: [
            "YusuanCore", "YusuanIngest", "YusuanStore", "YusuanAnalysis", "YusuanCharts",
            .product(name: "Benchmark", package: "swift-benchmark"),
        ]),
        // What the test targets share: running the built `yusuan`, temporary folders, sample paths.
        .target(name: "YusuanTestSupport", path: "Tests/YusuanTestSupport"),
        .testTarget(name: "YusuanCoreTests", dependencies: ["YusuanTestSupport", "YusuanCore"]),
        .testTarget(name: "YusuanIngestTests", dependencies: ["YusuanTestSupport", "YusuanCore", "YusuanIngest"], exclude: ["Fixtures"]),
        .testTarget(name: "YusuanStoreTests", dependencies: ["YusuanTestSupport", "YusuanCore", "YusuanIngest", "YusuanStore"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "YusuanAnalysisTests", dependencies: ["YusuanTestSupport",
            "YusuanCore", "YusuanIngest", "YusuanStore", "YusuanAnalysis",
        ]),
        .testTarget(name: "YusuanChartsTests", dependencies: ["YusuanTestSupport", "YusuanCore", "YusuanCharts"]),
        // Runs the built `yusuan` executable (build it first: `swift build --build-tests`).
        .testTarget(name: "YusuanCLITests", dependencies: ["YusuanTestSupport"]),
        .testTarget(name: "YusuanPDFTests", dependencies: ["YusuanTestSupport", "YusuanCore", "YusuanPDF", "YusuanIngest", "CCairo"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "YusuanReportTests", dependencies: ["YusuanTestSupport",
            "YusuanCore", "YusuanIngest", "YusuanStore", "YusuanAnalysis", "YusuanCharts", "YusuanReport",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
