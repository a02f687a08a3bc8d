import ArgumentParser

/// `--no-stable`: for a what-if, show the solver's raw optimum instead of the optimum closest to
/// the base's allocation.
struct StableOption: ParsableArguments {
    @Flag(name: .customLong("no-stable"),
          help: "Show the raw optimum, not the optimum closest to the base's allocation (which moves only what the what-if causes).")
    var raw = false

    var stable: Bool { !raw }
}
