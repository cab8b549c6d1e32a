// YusuanCharts: chart specs -> pure layout -> Canvas -> Cairo (PNG / SVG / PDF).
//
// Files, in the order data flows through them:
//   Specs.swift            what a caller asks for (BarChartSpec, TreemapSpec, RenderOptions, ChartError)
//   Geometry.swift, Theme.swift   points, rects, colours; the light print theme
//   Scale.swift            linear scales and nice ticks
//   Squarify.swift         the squarified tiling, a pure function of (weights, rect)
//   Text.swift             TextMeasurer protocol, wrapping and ellipsis
//   Frame.swift            title, subtitle, legend and footnote shared by every chart
//   BarLayout.swift        bar chart geometry
//   TreemapLayout.swift    treemap geometry and label fitting
//   Scene.swift            the drawing list a layout produces, and the Canvas protocol
//   The Cairo backend, one job per file (the only files that call Cairo, Pango or zlib):
//     PangoFonts.swift        font resolution (fontconfig via Pango), shared Pango context
//     PangoTextMeasurer.swift text measuring for layouts
//     CairoCanvas.swift       the Canvas: paths and text
//     CairoSurface.swift      surface writing: scene -> PNG / SVG / PDF bytes
//     SVGSurfaceIDs.swift     SVG ids renumbered for deterministic output
//     PNGEncoder.swift        PNG encoding through zlib
//   ChartRenderer.swift    spec -> file
//   CSV.swift              RFC 4180 reader for `yusuan chart bar`
