import CapacityAllocation
import Foundation
import LinearProgramming
import Reporting

/// A small harness: times each phase of a solve (load, build, solve, report) over repeated runs
/// and prints the median, the fastest run and the peak memory of the process.
///
///     swift run -c release --package-path Benchmarks IVPBenchmarks [SCENARIO...] [--runs N]
///     swift run -c release --package-path Benchmarks IVPBenchmarks --generated [district,region,nation] --runs 3
///
/// `--generated` times scenarios written by `ivp generate` (seed 1) at the given scales.

struct Phase {
    var name: String
    var seconds: [Double] = []
    var median: Double { seconds.sorted()[seconds.count / 2] }
    var fastest: Double { seconds.min() ?? 0 }
}

func time<T>(_ phase: inout Phase, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    phase.seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    return value
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage) // Glibc imports RUSAGE_SELF as an enum
    return Double(usage.ru_maxrss) / 1024 // Linux reports kilobytes
    #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1_048_576 // macOS reports bytes
    #endif
}

var arguments = Array(CommandLine.arguments.dropFirst())
var runs = 20
if let index = arguments.firstIndex(of: "--runs"), index + 1 < arguments.count, let value = Int(arguments[index + 1]) {
    runs = max(1, value)
    arguments.removeSubrange(index...(index + 1))
}
var generated: [String] = []
if let index = arguments.firstIndex(of: "--generated") {
    var scales = "district,region,nation"
    if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--"), !arguments[index + 1].contains(".") {
        scales = arguments[index + 1]
        arguments.remove(at: index + 1)
    }
    arguments.remove(at: index)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ivp-benchmarks-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for name in scales.split(separator: ",") {
        guard let scale = ScenarioScale(rawValue: String(name)) else { print("unknown scale \(name)"); exit(2) }
        let path = folder.appendingPathComponent("generated-\(scale.rawValue).yaml").path
        try ScenarioGenerator(scale: scale, seed: 1).yaml().write(toFile: path, atomically: true, encoding: .utf8)
        generated.append(path)
    }
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
arguments.removeAll { $0 == "--alternatives" || $0 == "--whatif" }
let scenarios = arguments.isEmpty && generated.isEmpty
    ? [root.appendingPathComponent("Scenarios/gooi-en-vechtstreek-2023.yaml").path] : arguments + generated

if CommandLine.arguments.contains("--whatif") {
    // Issue 10's figures, medians of `runs`: a solve with the headline re-solves (fte_gain per
    // pool, the 10% cut, the breaking cut) against one without; and compare of the scenario with
    // a what-if of every pool's FTE 5% lower, stable (the closest optimum) against raw.
    print("ivp \(IVP.version), GLPK \(GLPK.version), \(ProcessInfo.processInfo.activeProcessorCount) cores, median of \(runs) runs")
    print("| scenario | rows x cols | pools | solve | solve + headlines | headline share | compare (raw) | compare (stable) | stable / raw |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for path in scenarios {
        let scenario = try ScenarioLoader.load(path: path)
        var whatIf = scenario
        for index in whatIf.pools.indices { whatIf.pools[index].fte *= 0.95 }
        let size = { (f: Formulation) in "\(f.program.constraints.count) x \(f.program.variables.count)" }(Formulation(scenario))
        var plain = Phase(name: "solve"), headline = Phase(name: "headlines"), raw = Phase(name: "raw"), stable = Phase(name: "stable")
        for _ in 0..<runs {
            _ = try time(&plain) { try Allocator.solve(scenario, options: AllocationOptions(headlines: false)) }
            _ = try time(&headline) { try Allocator.solve(scenario) }
            _ = try time(&raw) { try Comparison.compare(base: ("base", scenario), others: [("what-if", whatIf)], stable: false) }
            _ = try time(&stable) { try Comparison.compare(base: ("base", scenario), others: [("what-if", whatIf)]) }
        }
        func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
        print("| \(URL(fileURLWithPath: path).lastPathComponent) | \(size) | \(scenario.pools.count) | \(ms(plain.median)) | \(ms(headline.median)) | \(String(format: "%.0f%%", 100 * (headline.median - plain.median) / headline.median)) | \(ms(raw.median)) | \(ms(stable.median)) | \(String(format: "%.2fx", stable.median / raw.median)) |")
    }
    exit(0)
}

if CommandLine.arguments.contains("--alternatives") {
    // `ivp alternatives` against one solve: the first solve (weighted, no headline re-solves), the
    // ranges of every municipality and theme within 1% (warm: one LP solved once, then the primal
    // simplex per bound), and three Hop-Skip-Jump alternatives. One run each: speed is compared
    // as ratios taken in the same run.
    print("ivp \(IVP.version), GLPK \(GLPK.version), \(ProcessInfo.processInfo.activeProcessorCount) cores, one run")
    print("| scenario | rows x cols | municipalities | themes | solve | ranges | ranges / solve | 3 alternatives |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for path in scenarios {
        let scenario = try ScenarioLoader.load(path: path)
        let size = { (f: Formulation) in "\(f.program.constraints.count) x \(f.program.variables.count)" }(Formulation(scenario))
        let start = Date()
        let model = try SolvedModel(scenario, options: AllocationOptions(headlines: false))
        let solve = Date().timeIntervalSince(start)
        let result = try Alternatives.explore(model, within: 0.01, count: 3, solveSeconds: solve)
        func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
        print("| \(URL(fileURLWithPath: path).lastPathComponent) | \(size) | \(scenario.municipalities.count) | \(scenario.themes.count) | \(ms(solve)) | \(ms(result.rangesSeconds)) | \(String(format: "%.1fx", result.rangesSeconds / solve)) | \(ms(result.alternativesSeconds)) |")
    }
    exit(0)
}
print("ivp \(IVP.version), GLPK \(GLPK.version), \(ProcessInfo.processInfo.activeProcessorCount) cores, \(runs) runs each")
print("| scenario | rows x cols | method | load | build | solve | report | total | load+build+report share |")
print("|---|---|---|---:|---:|---:|---:|---:|---:|")
for path in scenarios {
    var load = Phase(name: "load"), build = Phase(name: "build"), solve = Phase(name: "solve"), report = Phase(name: "report")
    var size = "", method = ""
    for _ in 0..<runs {
        do {
            let scenario = try time(&load) { try ScenarioLoader.load(path: path) }
            let formulation = time(&build) { Formulation(scenario) }
            size = "\(formulation.program.constraints.count) x \(formulation.program.variables.count)"
            let result = try time(&solve) { try Allocator.solve(scenario) }
            method = result.method
            _ = try time(&report) { (MarkdownReport.render(result, language: .nl), try JSONReport.render(result)) }
        } catch {
            print("\(path): \(error)")
            exit(1)
        }
    }
    // Allocator.solve builds the model itself; its build time is measured apart above.
    let total = load.median + build.median + solve.median + report.median
    let overhead = (load.median + build.median + report.median) / total
    func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
    print("| \(URL(fileURLWithPath: path).lastPathComponent) | \(size) | \(method) | \(ms(load.median)) | \(ms(build.median)) | \(ms(solve.median)) | \(ms(report.median)) | \(ms(total)) | \(String(format: "%.0f%%", overhead * 100)) |")
}
print(String(format: "peak memory: %.1f MB", peakMemoryMB()))
