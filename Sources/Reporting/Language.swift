/// The language of a report: Dutch (default, for the triangle) or English.
public enum Language: String, Sendable, CaseIterable {
    case nl, en
}
