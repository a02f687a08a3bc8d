import CapacityAllocation

/// A comparison of scenarios as Markdown (side by side, cause and effect in sentences) and CSV.
public enum CompareReport {
    public static func markdown(_ comparison: ComparisonResult, language: Language) -> String {
        let text = Phrases(language)
        let f = text.format
        func name(_ id: String) -> String { comparison.names[id] ?? id }
        var out = ["# \(text.compareTitle(comparison.scenarios.first?.name ?? comparison.base))", ""]
        out.append(MarkdownTable.row([text.scenarioLabel, text.statusLabel, text.value, text.changeLabel, text.attainment, text.changeLabel]))
        out.append("|---|---|---:|---:|---:|---:|")
        for summary in comparison.scenarios {
            out.append(MarkdownTable.row([
                "`\(summary.scenario)`", text.shortStatus(summary.status), summary.objective.map { f.number($0) } ?? "–",
                summary.objectiveChange.map { signed(f, $0) } ?? "–", summary.attainment.map { f.percent($0) } ?? "–",
                summary.attainmentChange.map { signedPoints(f, $0) } ?? "–"]))
        }
        out.append("")
        for difference in comparison.differences {
            let summary = comparison.scenarios.first { $0.scenario == difference.scenario }
            out += ["## `\(difference.scenario)`: \(summary?.name ?? "")", ""]
            out += [text.compareHeadline(difference, names: comparison.names), ""]
            if let moved = summary?.hoursMoved {
                out += [text.choiceSentence(stable: comparison.stable, hoursMoved: moved, reference: comparison.base, kind: .base), ""]
            }

            out += ["### \(text.inputChangesTitle)", ""]
            if difference.inputChanges.isEmpty { out.append(text.noInputChanges) }
            for change in difference.inputChanges.prefix(40) {
                out.append("- `\(change.path)`: \(change.base ?? text.absent) → \(change.other ?? text.absent)")
            }
            if difference.inputChanges.count > 40 { out.append("- … \(text.andMore(difference.inputChanges.count - 40))") }
            out.append("")

            for (title, shifts) in [(text.shiftThemesTitle, difference.themes), (text.shiftMunicipalitiesTitle, difference.municipalities),
                                    (text.shiftPoolsTitle, difference.pools)] {
                out += ["### \(title)", ""]
                if shifts.isEmpty { out += [text.noShift, ""]; continue }
                out.append(MarkdownTable.row(["", comparison.base, difference.scenario, text.changeLabel]))
                out.append("|---|---:|---:|---:|")
                for shift in shifts {
                    out.append(MarkdownTable.row([name(shift.id), f.hours(shift.base), f.hours(shift.other), signed(f, shift.change)]))
                }
                out.append("")
            }
            if !difference.cells.isEmpty {
                out += ["### \(text.largestShiftsTitle)", ""]
                for cell in difference.cells.prefix(12) { out.append("- " + text.cellShiftSentence(cell, names: comparison.names)) }
                out.append("")
            }
            if !difference.bindingOnlyInBase.isEmpty || !difference.bindingOnlyInOther.isEmpty {
                out += ["### \(text.promisesChangeTitle)", ""]
                for promise in difference.bindingOnlyInOther {
                    out.append("- \(text.bindsOnlyInOther): " + text.promiseSentence(promise, names: comparison.names))
                }
                for promise in difference.bindingOnlyInBase {
                    out.append("- \(text.bindsOnlyInBase): " + text.promiseSentence(promise, names: comparison.names))
                }
                out.append("")
            }
            if !difference.hourValues.isEmpty {
                out += ["### \(text.fteTitle)", ""]
                out.append(MarkdownTable.row([text.pool, comparison.base, difference.scenario]))
                out.append("|---|---:|---:|")
                for shift in difference.hourValues {
                    out.append(MarkdownTable.row([name(shift.id), f.rate(shift.base), f.rate(shift.other)]))
                }
                out.append("")
            }
        }
        out += ManifestSection.markdown(comparison.manifest, text)
        return out.joined(separator: "\n") + "\n"
    }

    /// `scenario,dimension,id,base,other,change`: every shift of hours (dimension theme,
    /// municipality, pool or cell, a cell's id being THEME/MUNICIPALITY), largest first per dimension.
    public static func csv(_ comparison: ComparisonResult, dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: ["scenario", "dimension", "id", "base", "other", "change"])
        for difference in comparison.differences {
            for (dimension, shifts) in [("theme", difference.themes), ("municipality", difference.municipalities), ("pool", difference.pools)] {
                for shift in shifts {
                    table.append([.text(difference.scenario), .text(dimension), .text(shift.id), .number(shift.base), .number(shift.other),
                                  .number(shift.change)])
                }
            }
            for cell in difference.cells {
                table.append([.text(difference.scenario), .text("cell"), .text("\(cell.theme)/\(cell.municipality)"), .number(cell.base),
                              .number(cell.other), .number(cell.change)])
            }
        }
        return table.render(dialect)
    }

    static func signed(_ f: NumberFormat, _ value: Double) -> String {
        (value > 0.5 ? "+" : "") + f.hours(value)
    }

    static func signedPoints(_ f: NumberFormat, _ value: Double) -> String {
        (value > 0 ? "+" : "") + f.number(value * 100, decimals: 1) + (f.language == .nl ? " pp" : " pp")
    }
}
