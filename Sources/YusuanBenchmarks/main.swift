import Benchmark

// `swift run -c release yusuan-bench` (add `--filter chart` etc. to run a part).
registerChartBenchmarks()
registerAnalysisBenchmarks()
registerIngestBenchmarks()
Benchmark.main()
