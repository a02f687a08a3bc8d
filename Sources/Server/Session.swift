import CapacityAllocation
import Foundation
import LinearProgramming

/// What led to a state: the page shows it in its own words (`PageText.stateLabel`).
enum StateChange: Sendable, Equatable {
    case plan
    case parameter(String, Double)
    case mode(SolveMode)
    /// A saved what-if read back, with its number of changes.
    case restored(Int)
}

/// One state a session has tried: its changes and what they gave.
struct StateSummary: Sendable {
    var index: Int
    /// The change that led here ("pools.gooi-zuid-basis.fte = 108"), "plan" for the first state:
    /// the API's label; the page words it from `change`.
    var label: String
    var change: StateChange
    var status: AllocationStatus
    var objective: Double?
    var attainment: Double?
    var whatIf: WhatIf
}

/// What a session shows after a job: the current state's result and its stable difference
/// against the plan, the plan's result, and the list of states.
struct SessionView: Sendable {
    var id: String
    var scenario: CatalogEntry
    var result: AllocationResult
    var difference: ScenarioDifference?
    var plan: AllocationResult
    var states: [StateSummary]
    var current: Int
    /// Whether `result` has its headline figures (a change's answer comes without them).
    var hasHeadlines: Bool
    var whatIf: WhatIf { states[current].whatIf }
    var canUndo: Bool { current > 0 }
    var canRedo: Bool { current + 1 < states.count }
}

/// One user's what-if session on one scenario. Everything that touches the solver runs on the
/// session's own `GLPKThread` (LinearProgramming): the plan's solve, every change's warm re-solve from the current
/// model (`SolvedModel.resolved(as:)`), the stable choice against the plan's allocation and the
/// headline re-solves. The mutable state below is only touched on that thread.
final class Session: @unchecked Sendable {
    let id: String
    let entry: CatalogEntry
    private let thread: GLPKThread
    private let options: AllocationOptions

    // Touched on `thread` only. The kept model lives in `holder` alone, so that the thread drops
    // it (and deletes its GLPK problem) on itself when the session ends, never a thread that
    // happens to release the session.
    private var model: SolvedModel? { holder.model }
    private var forcedMinimum = Set<String>()
    private var forcedDisplacement = Set<String>()
    private var plan: AllocationResult?
    private var planReference: AllocationReference?
    private var states: [StateSummary] = []
    private var current = 0
    private var result: AllocationResult?
    private var difference: ScenarioDifference?
    /// Whether `result` has its headline figures yet.
    private var hasHeadlines = false
    /// The what-if the kept model solved (nil when a failed solve dropped it).
    private var modelWhatIf: WhatIf?
    /// The stable choice against the plan, its LP kept warm from state to state (in `holder`, so
    /// that its GLPK problem too is deleted on this session's thread).
    private var warm: WarmStableChoice? { holder.warm }

    /// `timeLimit`: seconds for one change (its solve, stable choice and headlines together).
    init(id: String, entry: CatalogEntry, timeLimit: Double) {
        self.id = id
        self.entry = entry
        // One thread per session: the session's GLPK problems are made, re-solved and deleted on it.
        // A change is answered without the headline re-solves; `headlines()` adds them afterwards.
        options = AllocationOptions(timeLimit: timeLimit, threads: 1, headlines: false)
        let holder = ModelHolder()
        thread = GLPKThread(name: "ivp-session-\(id.prefix(8))", whenStopped: ServerError(.gone, "the session has ended")) { holder.drop() }
        self.holder = holder
    }

    /// Lets the thread drop the kept problem on itself when the session ends.
    private let holder: ModelHolder

    /// Solves the plan (the scenario as given).
    func start() async throws -> SessionView {
        try await thread.run { [self] in
            let plain = try SolvedModel(entry.scenario, options: options)
            let planResult = try plain.result(headlines: true)
            // The kept model has the rows of every theme's minimum, also where it is 0, so that a
            // first change of a minimum only moves a bound and re-solves warm (else the rows are
            // new and the scenario is solved from scratch: 0.75 s at region size against 0.08 s).
            // The plan's own result stays that of the plain model, as `ivp solve` gives it.
            forcedMinimum = Set(entry.scenario.themes.map(\.id))
            let model = planResult.objective != nil ? try plain.resolved(as: entry.scenario, forceMinimumRows: forcedMinimum) : plain
            keep(model)
            modelWhatIf = WhatIf()
            plan = planResult
            if planResult.objective != nil {
                let reference = AllocationReference(label: entry.file, kind: .base, lines: planResult.allocations)
                planReference = reference
                let warm = WarmStableChoice(reference: reference)
                // Built now, while the session opens, so that the first change re-solves it warm.
                // A failure here only leaves it to be built at the first change.
                do { try warm.prepare(model) } catch { warm.forget() }
                holder.warm = warm
            }
            result = planResult
            hasHeadlines = true
            difference = nil
            states = [StateSummary(index: 0, label: "plan", change: .plan, status: planResult.status, objective: planResult.objective,
                                   attainment: planResult.attainment, whatIf: WhatIf())]
            current = 0
            return view()
        }
    }

    /// The current state.
    func current() async throws -> SessionView {
        try await thread.run { [self] in view() }
    }

    /// The current state with its exact headline figures (one more FTE per pool, the 10% cut, the
    /// breaking cut), re-solved from the current model once per state: what a change's answer
    /// leaves out so that it comes quickly, and the page asks for right after showing it.
    func withHeadlines() async throws -> SessionView {
        try await thread.run { [self] in
            try fillHeadlines()
            return view()
        }
    }

    /// Opens the session at `whatIf` (a what-if file read back): the plan, then that state.
    func restore(_ whatIf: WhatIf) async throws -> SessionView {
        try await thread.run { [self] in
            if whatIf != states[current].whatIf {
                try move(to: whatIf, label: "restored: \(whatIf.entries.count) changes", change: .restored(whatIf.entries.count))
            }
            return view()
        }
    }

    /// Sets one parameter (a `--vary` path) and re-solves warm. A value the scenario file would
    /// refuse is refused (422) with nothing changed.
    func change(_ key: String, _ value: Double, headlines: Bool = false) async throws -> SessionView {
        try await thread.run { [self] in
            try WhatIf.check(key, value, in: entry.scenario)
            let whatIf = states[current].whatIf.setting(key, value)
            try move(to: whatIf, label: "\(key) = \(FieldText.format(value))", change: .parameter(key, value))
            if headlines { try fillHeadlines() }
            return view()
        }
    }

    /// Changes the decision mode (solved from scratch: the modes build different programs).
    func change(mode: SolveMode, headlines: Bool = false) async throws -> SessionView {
        try await thread.run { [self] in
            var whatIf = states[current].whatIf
            whatIf.mode = mode
            try move(to: whatIf, label: "mode = \(mode.rawValue)", change: .mode(mode))
            if headlines { try fillHeadlines() }
            return view()
        }
    }

    /// Goes to state `index` of the list (undo, redo, reset and a click in the list).
    func go(to index: Int) async throws -> SessionView {
        try await thread.run { [self] in
            guard states.indices.contains(index) else {
                throw ServerError(.conflict, "no state \(index) to go to (this session has states 0 to \(states.count - 1))")
            }
            if index != current {
                let (solvedResult, solvedDifference) = try solve(states[index].whatIf)
                current = index
                result = solvedResult
                hasHeadlines = false
                difference = solvedDifference
            }
            return view()
        }
    }

    func undo() async throws -> SessionView {
        let view = try await current()
        guard view.canUndo else { throw ServerError(.conflict, "nothing to undo: this is the plan") }
        return try await go(to: view.current - 1)
    }

    func redo() async throws -> SessionView {
        let view = try await current()
        guard view.canRedo else { throw ServerError(.conflict, "nothing to redo") }
        return try await go(to: view.current + 1)
    }

    /// States `a` and `b` side by side: the compare report's result, `a` as the base. Both are
    /// solved afresh on this session's thread.
    func compare(_ a: Int, _ b: Int) async throws -> CapacityAllocation.ComparisonResult {
        try await thread.run { [self] in
            guard states.indices.contains(a), states.indices.contains(b) else {
                throw ServerError(.notFound, "no state \(states.indices.contains(a) ? b : a) (this session has states 0 to \(states.count - 1))")
            }
            let first = states[a], second = states[b]
            var compareOptions = options
            compareOptions.mode = first.whatIf.mode
            return try Comparison.compare(base: ("state \(a): \(first.label)", try first.whatIf.scenario(from: entry.scenario)),
                                          others: [("state \(b): \(second.label)", try second.whatIf.scenario(from: entry.scenario))],
                                          options: compareOptions)
        }
    }

    /// Ends the session: its thread finishes the queued jobs, deletes its problems and exits.
    func close() { thread.stop() }

    // MARK: On the session's thread

    private func keep(_ model: SolvedModel?) {
        holder.model = model
    }

    /// Solves `whatIf` and makes it the newest state (dropping the states after the current one,
    /// as an editor's undo does). Throws, with nothing changed, when the value is refused.
    private func move(to whatIf: WhatIf, label: String, change: StateChange) throws {
        let (solvedResult, solvedDifference) = try solve(whatIf)
        states.removeSubrange((current + 1)...)
        states.append(StateSummary(index: states.count, label: label, change: change, status: solvedResult.status,
                                   objective: solvedResult.objective, attainment: solvedResult.attainment, whatIf: whatIf))
        current = states.count - 1
        result = solvedResult
        hasHeadlines = false
        difference = solvedDifference
    }

    /// Adds the headline figures to the current result, from the model that solved it (solved
    /// again first when a failed solve has dropped that model).
    private func fillHeadlines() throws {
        guard !hasHeadlines, var filled = result else { return }
        if holder.model == nil || modelWhatIf != states[current].whatIf {
            let (solvedResult, solvedDifference) = try solve(states[current].whatIf)
            filled = solvedResult
            difference = solvedDifference
        }
        guard let model = holder.model else { return }
        do {
            try model.fillHeadlines(&filled, timeLimit: options.timeLimit)
        } catch {
            throw ServerError(.unprocessable, "the headline figures cannot be re-solved: \(error)")
        }
        result = filled
        hasHeadlines = true
    }

    /// The result of `whatIf` and its stable difference against the plan: a warm re-solve from the
    /// current model when only numbers changed, else a solve from scratch.
    private func solve(_ whatIf: WhatIf) throws -> (AllocationResult, ScenarioDifference?) {
        let scenario = try whatIf.scenario(from: entry.scenario)
        // Keep the rows of a theme's minimum and displacement bound once it is changed, so that its
        // later changes only move bounds (and warm-start).
        var minimum = forcedMinimum, displacement = forcedDisplacement
        for item in whatIf.entries where item.key.hasPrefix("themes.") {
            let parts = item.key.split(separator: ".").map(String.init)
            if parts.count == 3, parts[2] == "minimum" { minimum.insert(parts[1]) }
            if parts.count == 3, parts[2] == "max_gap" { displacement.insert(parts[1]) }
        }
        var modeOptions = options
        modeOptions.mode = whatIf.mode
        let next: SolvedModel
        do {
            if let model, model.options.mode == whatIf.mode {
                // The current model's problem is taken over (or, on a change of structure, the
                // variant is solved from scratch); either way the old model is used no more.
                keep(nil)
                modelWhatIf = nil
                next = try model.resolved(as: scenario, forceMinimumRows: minimum, forceDisplacementRows: displacement)
            } else {
                keep(nil)
                modelWhatIf = nil
                next = try SolvedModel(scenario, options: modeOptions, forceMinimumRows: minimum, forceDisplacementRows: displacement)
            }
        } catch let error as ServerError {
            throw error
        } catch {
            throw ServerError(.unprocessable, "the changed scenario cannot be solved: \(error)")
        }
        keep(next)
        forcedMinimum = minimum
        forcedDisplacement = displacement
        let solved = try next.result(headlines: modeOptions.headlines, closestTo: planReference, warm: warm)
        guard let plan else { return (solved, nil) }
        let label = whatIf.entries.isEmpty && whatIf.mode == .weighted ? "plan" : "what-if"
        return (solved, Comparison.difference(label, base: (entry.scenario, plan), other: (scenario, solved)))
    }

    private func view() -> SessionView {
        SessionView(id: id, scenario: entry, result: result!, difference: difference, plan: plan!, states: states, current: current,
                    hasHeadlines: hasHeadlines)
    }
}

/// The session's kept model, reachable from the thread's cleanup, which drops it on the thread
/// that made its GLPK problems.
private final class ModelHolder: @unchecked Sendable {
    var model: SolvedModel?
    var warm: WarmStableChoice?
    func drop() {
        model = nil
        warm = nil
    }
}
