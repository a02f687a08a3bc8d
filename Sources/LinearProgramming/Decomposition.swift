/// The independent parts of a `LinearProgram`: groups of rows and columns that share no
/// coefficient with any other group. The optimum of the whole is the sum of the optima of the
/// parts, and every part's duals, reduced costs and ranges are those of the whole, so the parts can
/// be solved apart (and in parallel). A national scenario falls apart into its police units when no
/// pool, neighbour pair or mode row crosses them; the simplex, whose work grows faster than the
/// model, is several times quicker on ten parts of a thousand rows than on one of ten thousand.
public struct Decomposition: Sendable {
    /// One part: its rows and columns in increasing order of their index in the whole program.
    public struct Block: Sendable {
        public var constraints: [Int]
        public var variables: [Int]
    }

    public let blocks: [Block]
    /// Rows in no block: the rows of `relaxing` that join two blocks (empty without `relaxing`).
    public let couplingRows: [Int]
    /// For every row and column of the whole program: its block and its position in that block
    /// (a coupling row has block -1).
    let constraintBlock: [Int], constraintPosition: [Int]
    let variableBlock: [Int], variablePosition: [Int]

    /// Finds the connected parts of the row-column graph (a union-find over the non-zeros), then
    /// packs them, in order of their first row, into blocks of at least `minimumRows` rows, since
    /// many tiny GLPK problems cost more than they save. Columns in no row join the first block.
    ///
    /// The rows of `relaxing` join nothing at first; afterwards each goes to the part of its
    /// columns, or, when its columns lie in two parts, becomes a coupling row in no block: the
    /// parts are then those of the program without its coupling rows.
    public init(_ program: LinearProgram, minimumRows: Int = 250, relaxing: Set<Constraint> = []) {
        let rows = program.constraints.count, columns = program.variables.count
        var parent = Array(0..<(rows + columns))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        func join(_ row: Int, _ constraint: LinearProgram.ConstraintDefinition) {
            for (variable, coefficient) in constraint.expression.terms where coefficient != 0 {
                let a = root(row), b = root(rows + variable.index)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        for (row, constraint) in program.constraints.enumerated() where !relaxing.contains(Constraint(index: row)) {
            join(row, constraint)
        }
        var coupling = Set<Int>()
        for row in relaxing.map(\.index).sorted() where row >= 0 && row < rows {
            let terms = program.constraints[row].expression.terms.filter { $0.value != 0 }
            let parts = Set(terms.keys.map { root(rows + $0.index) })
            if parts.count > 1 { coupling.insert(row) } else { join(row, program.constraints[row]) }
        }
        // Components in order of their first row, packed in that order into blocks: a new block
        // starts once the current one has `minimumRows` rows.
        var componentOfRoot: [Int: Int] = [:]
        var componentRows: [[Int]] = []
        for row in 0..<rows where !coupling.contains(row) {
            let component = root(row)
            if let index = componentOfRoot[component] {
                componentRows[index].append(row)
            } else {
                componentOfRoot[component] = componentRows.count
                componentRows.append([row])
            }
        }
        var blocks: [Block] = []
        var blockOfComponent = [Int](repeating: 0, count: componentRows.count)
        for (index, componentRowList) in componentRows.enumerated() {
            if blocks.isEmpty || blocks[blocks.count - 1].constraints.count >= minimumRows {
                blocks.append(Block(constraints: [], variables: []))
            }
            blockOfComponent[index] = blocks.count - 1
            blocks[blocks.count - 1].constraints.append(contentsOf: componentRowList)
        }
        if blocks.isEmpty { blocks.append(Block(constraints: [], variables: [])) }
        var constraintBlock = [Int](repeating: -1, count: rows)
        for index in blocks.indices {
            blocks[index].constraints.sort()
            for row in blocks[index].constraints { constraintBlock[row] = index }
        }
        var variableBlock = [Int](repeating: 0, count: columns)
        for column in 0..<columns {
            let block = componentOfRoot[root(rows + column)].map { blockOfComponent[$0] } ?? 0
            variableBlock[column] = block
            blocks[block].variables.append(column)
        }
        var constraintPosition = [Int](repeating: 0, count: rows)
        var variablePosition = [Int](repeating: 0, count: columns)
        for block in blocks {
            for (position, row) in block.constraints.enumerated() { constraintPosition[row] = position }
            for (position, column) in block.variables.enumerated() { variablePosition[column] = position }
        }
        self.blocks = blocks
        couplingRows = coupling.sorted()
        self.constraintBlock = constraintBlock
        self.constraintPosition = constraintPosition
        self.variableBlock = variableBlock
        self.variablePosition = variablePosition
    }

    private init(blocks: [Block], couplingRows: [Int], constraintBlock: [Int], constraintPosition: [Int],
                 variableBlock: [Int], variablePosition: [Int]) {
        self.blocks = blocks
        self.couplingRows = couplingRows
        self.constraintBlock = constraintBlock
        self.constraintPosition = constraintPosition
        self.variableBlock = variableBlock
        self.variablePosition = variablePosition
    }

    /// The same parts for a program with more columns after this one's: new column k goes to
    /// block `blocks[k]`, after that block's columns, so every old row and column keeps its place.
    func adding(columnsTo newBlocks: [Int]) -> Decomposition {
        var blocks = self.blocks, variableBlock = self.variableBlock, variablePosition = self.variablePosition
        for block in newBlocks {
            let column = variableBlock.count
            variableBlock.append(block)
            variablePosition.append(blocks[block].variables.count)
            blocks[block].variables.append(column)
        }
        return Decomposition(blocks: blocks, couplingRows: couplingRows, constraintBlock: constraintBlock,
                             constraintPosition: constraintPosition, variableBlock: variableBlock,
                             variablePosition: variablePosition)
    }

    /// Where a row of the whole program is: its block and the constraint there.
    public func locate(_ constraint: Constraint) -> (block: Int, constraint: Constraint) {
        (constraintBlock[constraint.index], Constraint(index: constraintPosition[constraint.index]))
    }

    /// Where a column of the whole program is: its block and the variable there.
    public func locate(_ variable: Variable) -> (block: Int, variable: Variable) {
        (variableBlock[variable.index], Variable(index: variablePosition[variable.index]))
    }

    /// Block `index` as a program of its own: the same names, bounds and coefficients; the
    /// objective's constant stays with the whole.
    public func program(_ index: Int, of whole: LinearProgram) -> LinearProgram {
        var part = LinearProgram(name: blocks.count == 1 ? whole.name : "\(whole.name) (part \(index + 1))")
        part.sense = whole.sense
        for column in blocks[index].variables {
            let definition = whole.variables[column]
            part.addVariable(definition.name, lower: definition.lower, upper: definition.upper,
                             integer: definition.isInteger)
        }
        for row in blocks[index].constraints {
            let definition = whole.constraints[row]
            var expression = LinearExpression()
            for (variable, coefficient) in definition.expression.terms {
                expression.add(Variable(index: variablePosition[variable.index]), coefficient)
            }
            part.addConstraint(definition.name, expression, lower: definition.lower, upper: definition.upper)
        }
        var objective = LinearExpression()
        for (variable, coefficient) in whole.objective.terms where variableBlock[variable.index] == index {
            objective.add(Variable(index: variablePosition[variable.index]), coefficient)
        }
        part.objective = objective
        return part
    }
}
