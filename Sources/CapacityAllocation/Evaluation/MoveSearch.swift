import Foundation

/// The move search of `ivp evaluate`: the few moves of hours towards the optimum that gain most
/// (see `Evaluator` for the rules).
extension Evaluator.State {
    /// The change a move makes: new values of the changed variables, the value gain, and
    /// whether any row gets further outside its bounds.
    func trial(from source: Int?, to target: Int, hours: Double) -> (gain: Double, worsens: Bool) {
        var changes: [(variable: Int, value: Double)] = []
        var gain = 0.0
        for (assignment, delta) in [(source, -hours), (Optional(target), hours)] {
            guard let assignment else { continue }
            let info = formulation.assignments[assignment]
            changes.append((info.variable.index, x[assignment] + delta))
            let before = coverage[info.cell], after = before + info.efficiency * delta
            gain += cellValue(info.cell, after) - cellValue(info.cell, before)
            for (variable, y) in zip(formulation.cells[info.cell].segments, segments(info.cell, after)) {
                changes.append((variable.index, y))
            }
        }
        var deltas: [Int: Double] = [:]
        for (variable, value) in changes {
            let difference = value - values[variable]
            guard difference != 0 else { continue }
            for (row, coefficient) in columns[variable] { deltas[row, default: 0] += coefficient * difference }
        }
        var worsens = false
        for (row, delta) in deltas {
            let before = excess(row, activities[row]), after = excess(row, activities[row] + delta)
            if after > before + 1e-9 * max(1, rowScale[row]) { worsens = true; break }
        }
        return (gain, worsens)
    }

    /// Applies a move found by `trial`.
    mutating func apply(from source: Int?, to target: Int, hours: Double) {
        for (assignment, delta) in [(source, -hours), (Optional(target), hours)] {
            guard let assignment else { continue }
            x[assignment] = max(0, x[assignment] + delta)
        }
        refresh()
    }
}

extension Evaluator {
    /// The positive amounts, largest first (ties in assignment order), at most `candidatesPerSide`.
    private static func largest(_ amounts: [(Int, Double)]) -> [(Int, Double)] {
        let positive = amounts.filter { $0.1 > tolerance }
        let sorted = positive.sorted { (first: (Int, Double), second: (Int, Double)) -> Bool in
            first.1 != second.1 ? first.1 > second.1 : first.0 < second.0
        }
        return Array(sorted.prefix(candidatesPerSide))
    }

    static func findMoves(_ start: State, optimum: [Double], ideal: Double) -> [Move] {
        var state = start
        let formulation = state.formulation
        let scenario = formulation.scenario
        let minimumGain = tolerance * max(1, ideal)
        var byPool = [[Int]](repeating: [], count: scenario.pools.count)
        for (index, assignment) in formulation.assignments.enumerated() { byPool[assignment.pool].append(index) }
        func place(_ assignment: Int) -> Place {
            let cell = formulation.cells[formulation.assignments[assignment].cell]
            return Place(theme: scenario.themes[cell.theme].id, municipality: cell.municipality)
        }

        var moves: [Move] = []
        while moves.count < maximumMoves {
            var best: (pool: Int, source: Int?, target: Int, hours: Double, gain: Double)?
            for (pool, assignments) in byPool.enumerated() {
                let deficits = largest(assignments.map { ($0, optimum[$0] - state.x[$0]) })
                guard !deficits.isEmpty else { continue }
                var surpluses: [(Int?, Double)] = largest(assignments.map { ($0, state.x[$0] - optimum[$0]) }).map { ($0.0, $0.1) }
                let spare = scenario.pools[pool].allocatable - assignments.reduce(0) { $0 + state.x[$1] }
                if spare > tolerance { surpluses.append((nil, spare)) }
                for (target, deficit) in deficits {
                    let info = formulation.assignments[target]
                    let cell = formulation.cells[info.cell]
                    guard info.efficiency > 0 else { continue }
                    let room = (cell.need - state.coverage[info.cell]) / info.efficiency
                    for (source, surplus) in surpluses {
                        let hours = min(surplus, deficit, room)
                        guard hours > tolerance else { continue }
                        let trial = state.trial(from: source, to: target, hours: hours)
                        guard !trial.worsens, trial.gain > minimumGain else { continue }
                        if best == nil || trial.gain > best!.gain { best = (pool, source, target, hours, trial.gain) }
                    }
                }
            }
            guard let move = best else { break }
            state.apply(from: move.source, to: move.target, hours: move.hours)
            moves.append(Move(pool: scenario.pools[move.pool].id, from: move.source.map(place), to: place(move.target),
                              hours: move.hours, gain: move.gain))
        }
        return moves
    }
}
