import CapacityAllocation

extension LiveFragments {
    /// The municipality map of the HTML report (attainment per municipality, the same SVG, drawn
    /// by `MunicipalityReport.mapFigure`), for the live page; empty without an allocation or when
    /// no municipality of the scenario has a CBS code.
    public static func map(_ result: AllocationResult, _ scenario: Scenario, language: Language) -> String {
        guard let map = MunicipalityMap.attainment(result, scenario) else { return "" }
        let text = Phrases(language)
        return ([HTMLReport.paragraph(text.mapIntro)] + MunicipalityReport.mapFigure(map, text)).joined(separator: "\n")
    }
}
