import CapacityAllocation

/// The formats a report is written in: Markdown and HTML for people, JSON and CSV for machines.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown, json, csv, html
}

/// One entry per kind of result: the commands (and anything else that writes a report) say which
/// result, which format and which language, and never pick a writer themselves.
public enum Report {
    /// A solve. `pages` and `map` add the page per municipality and the choropleth to the Markdown
    /// and HTML reports, `maps` the further maps of the HTML report (`MunicipalityMap.solveMaps`);
    /// the CSV is the allocation, one row per pool, theme and municipality.
    public static func render(_ result: AllocationResult, as format: ReportFormat, language: Language, csv dialect: CSVDialect = .machine,
                              pages: [MunicipalityPage] = [], map: MunicipalityMap? = nil, maps: [MunicipalityMap] = [],
                              prepared: JSONReport.PreparedLists? = nil) throws -> String {
        switch format {
        case .markdown: MarkdownReport.render(result, language: language, pages: pages)
        case .json: try JSONReport.render(result, prepared: prepared)
        case .csv: CSVReport.render(result, dialect: dialect)
        case .html: HTMLReport.render(result, language: language, pages: pages, map: map, maps: maps)
        }
    }

    /// The page of one municipality (`ivp solve --municipality`); there is no CSV of a page, so
    /// `.csv` writes the Markdown page.
    public static func render(_ page: MunicipalityPage, of result: AllocationResult, as format: ReportFormat, language: Language,
                              map: MunicipalityMap? = nil) throws -> String {
        switch format {
        case .markdown, .csv: MunicipalityReport.markdown(page, result, language: language)
        case .json: try JSONReport.render(page)
        case .html: MunicipalityReport.html(page, result, map: map, language: language)
        }
    }

    /// `ivp compare`: the CSV has every shift of hours; `maps`, each what-if's change per
    /// municipality (`MunicipalityMap.hoursChange`), in the HTML report.
    public static func render(_ comparison: ComparisonResult, as format: ReportFormat, language: Language,
                              csv dialect: CSVDialect = .machine, maps: [MunicipalityMap?] = []) throws -> String {
        switch format {
        case .markdown: CompareReport.markdown(comparison, language: language)
        case .json: try JSONReport.render(comparison)
        case .csv: CompareReport.csv(comparison, dialect: dialect)
        case .html: CompareHTMLReport.render(comparison, language: language, maps: maps)
        }
    }

    /// `ivp sweep`: the CSV has one row per point; `map`, the change between the ends, in the HTML report.
    public static func render(_ sweep: SweepResult, as format: ReportFormat, language: Language,
                              csv dialect: CSVDialect = .machine, map: MunicipalityMap? = nil) throws -> String {
        switch format {
        case .markdown: SweepReport.markdown(sweep, language: language)
        case .json: try JSONReport.render(sweep)
        case .csv: SweepReport.csv(sweep, dialect: dialect)
        case .html: SweepHTMLReport.render(sweep, language: language, map: map)
        }
    }

    /// `ivp evaluate`: the CSV has one row per move; `map`, the allocation against the optimum per
    /// municipality, in the HTML report.
    public static func render(_ evaluation: EvaluationResult, as format: ReportFormat, language: Language,
                              csv dialect: CSVDialect = .machine, map: MunicipalityMap? = nil) throws -> String {
        switch format {
        case .markdown: EvaluateReport.markdown(evaluation, language: language)
        case .json: try JSONReport.render(evaluation)
        case .csv: EvaluateReport.csv(evaluation, dialect: dialect)
        case .html: EvaluateHTMLReport.render(evaluation, language: language, map: map)
        }
    }

    /// `ivp alternatives`: the JSON carries the sentences in `language` too.
    public static func render(_ alternatives: AlternativesResult, as format: ReportFormat, language: Language,
                              csv dialect: CSVDialect = .machine) throws -> String {
        switch format {
        case .markdown: AlternativesReport.markdown(alternatives, language: language)
        case .json: try AlternativesReport.json(alternatives, language: language)
        case .csv: AlternativesReport.csv(alternatives, dialect: dialect)
        case .html: AlternativesReport.html(alternatives, language: language)
        }
    }

    /// `ivp risk` (and its `--merge`): there is no CSV of a risk report, so `.csv` writes the Markdown.
    public static func render(_ risk: RiskResult, as format: ReportFormat, language: Language) throws -> String {
        switch format {
        case .markdown, .csv: RiskReport.markdown(risk, language: language)
        case .json: try JSONReport.render(risk)
        case .html: RiskHTMLReport.render(risk, language: language)
        }
    }

    /// `ivp solve --robust`: there is no CSV of a robust report (the command refuses it), so `.csv`
    /// writes the Markdown, as for a risk report.
    public static func render(_ robust: RobustResult, as format: ReportFormat, language: Language) throws -> String {
        switch format {
        case .markdown, .csv: RobustReport.markdown(robust, language: language)
        case .json: try RobustReport.json(robust)
        case .html: RobustReport.html(robust, language: language)
        }
    }

    /// `summary.csv` of a batch: one row per scenario, numbers with at most six decimals (like
    /// every CSV the tool writes), in the dialect asked for.
    public static func batchSummary(_ rows: [BatchSummary.Row], csv dialect: CSVDialect = .machine) -> String {
        var table = CSVTable(header: ["scenario", "status", "objective", "attainment", "seconds", "error"])
        for row in rows {
            table.append([.text(row.scenario), .text(row.status.rawValue), .number(row.objective), .number(row.attainment),
                          .number((row.seconds * 1000).rounded() / 1000), .text(row.error ?? "")])
        }
        return table.render(dialect)
    }
}
