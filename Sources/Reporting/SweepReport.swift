import CapacityAllocation

/// A sweep as Markdown (a trade-off curve in words and tables) and as CSV (one row per point).
public enum SweepReport {
    public static func markdown(_ sweep: SweepResult, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        var out = ["# \(text.sweepTitle(sweep.scenario, sweep.parameter))", ""]
        out += [text.sweepSummary(sweep), ""]
        for breakpoint in sweep.breakpoints { out.append("- " + text.breakpointSentence(breakpoint, sweep)) }
        if !sweep.breakpoints.isEmpty { out.append("") }

        out += ["## \(text.sweepPointsTitle)", "", text.sweepChoiceSentence(sweep), ""]
        out.append(MarkdownTable.row([sweep.parameter, text.statusLabel, text.value, text.attainment, text.sweepSlope,
                                      text.hoursMovedLabel]))
        out.append("|---:|---|---:|---:|---:|---:|")
        for (point, slope) in zip(sweep.points, sweep.slopes) {
            let slope = slope.map { f.number($0, decimals: 2) } ?? "–"
            out.append(MarkdownTable.row([f.compact(point.parameter), text.shortStatus(point.status),
                            point.objective.map { f.number($0) } ?? "–", point.attainment.map { f.percent($0) } ?? "–", slope,
                            point.hoursMoved.map { f.hours($0) } ?? "–"]))
        }
        for point in sweep.points {
            guard let broken = point.broken, !broken.isEmpty else { continue }
            out += ["", text.infeasiblePointSentence(f.compact(point.parameter), parameter: sweep.parameter)]
            for line in broken {
                out.append("- " + text.diagnosisSentence(line, names: sweep.names)
                           + (line.singleChange.map { " " + text.singleChangeSentence($0) } ?? ""))
            }
        }
        out += ["", "## \(text.sweepHourValuesTitle)", ""]
        out.append(MarkdownTable.row([sweep.parameter] + sweep.pools.map { sweep.names[$0] ?? $0 }))
        out.append(MarkdownTable.separator(sweep.pools.count + 1))
        for point in sweep.points {
            out.append(MarkdownTable.row([f.compact(point.parameter)] + sweep.pools.map { pool in
                point.status == .optimal ? f.number(point.hourValues[pool] ?? 0, decimals: 3) : "–"
            }))
        }
        out += ["", "## \(text.sweepCoverageTitle)", ""]
        out.append(MarkdownTable.row([sweep.parameter] + sweep.themes.map { sweep.names[$0] ?? $0 }))
        out.append(MarkdownTable.separator(sweep.themes.count + 1))
        for point in sweep.points {
            out.append(MarkdownTable.row([f.compact(point.parameter)] + sweep.themes.map { theme in
                point.status == .optimal ? f.percent(point.coverage[theme] ?? 0, decimals: 0) : "–"
            }))
        }
        out += ["", text.solveTimeLine(sweep.seconds, method: text.sweepMethod(sweep)), ""]
        out += ManifestSection.markdown(sweep.manifest, text)
        return out.joined(separator: "\n") + "\n"
    }

    /// `parameter,status,objective,attainment,coverage:THEME…,hour_value:POOL…`, one row per point,
    /// in the order of the values.
    public static func csv(_ sweep: SweepResult, dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: ["parameter", "status", "objective", "attainment"] + sweep.themes.map { "coverage:\($0)" }
            + sweep.pools.map { "hour_value:\($0)" })
        for point in sweep.points {
            let optimal = point.status == .optimal
            table.append([.number(point.parameter), .text(point.status.rawValue), .number(point.objective), .number(point.attainment)]
                + sweep.themes.map { .number(optimal ? point.coverage[$0] ?? 0 : nil) }
                + sweep.pools.map { .number(optimal ? point.hourValues[$0] ?? 0 : nil) })
        }
        return table.render(dialect)
    }
}
