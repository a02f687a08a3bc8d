import Foundation

// The JSON of every report, byte for byte what Foundation's JSONEncoder writes with
// keyEncodingStrategy .convertToSnakeCase and outputFormatting [.prettyPrinted, .sortedKeys,
// .withoutEscapingSlashes] (swift-foundation as shipped with Swift 6.3), without its cost: at
// national size JSONEncoder builds a tree of boxed values, a String per number and a Dictionary per
// object, then Data, then a String. Here the values go into one flat array of small nodes and one
// byte buffer; keys are converted to snake_case once per distinct key; a last pass sorts each
// object's members and writes straight into the String that is returned.
//
// What JSONEncoder does, and so this writer too (checked against it in JSONWriterTests):
// - "key" : value, two spaces of indent per level; an empty array is "[\n\n<indent>]" and an empty
//   object "{\n\n<indent>}" (a blank line inside).
// - Keys sorted by their UTF-8 bytes ("input_sha256" before "inputs", "B" before "a").
// - Keys of a [String: V] dictionary stay as they are; every other key goes through snake_case
//   (also the keys of a dictionary keyed by Int or by a CodingKeyRepresentable).
// - Strings escape only ", \ and the control characters below U+0020 (\b \f \n \r \t, otherwise
//   \u00XX in lower-case hex); "/" and everything else, DEL and non-ASCII included, stay as they are.
// - A Double or Float is its `description` without a trailing ".0": 1, -0, 1e-07, 1e+21.
//   NaN and infinity throw EncodingError.invalidValue ("Unable to encode Double.nan directly in
//   JSON.") with the coding path JSONEncoder reports.
// - Data is Base64, URL its absoluteString, Decimal its description as a number, Date the seconds
//   since 2001 (its own encode(to:)).
// - A value that encodes nothing is an empty object; at the top it throws, as does nesting of 512
//   arrays and objects.
// - The same key written twice in one object keeps the last value.

/// Writes an `Encodable` value as the reports' JSON (see above), ending in a newline.
final class JSONWriter {
    /// The report's JSON, with a final newline, as `JSONReport.render` returns it.
    static func render<Value: Encodable>(_ value: Value) throws -> String {
        let writer = JSONWriter()
        let root = writer.tree.pointee.newNode(key: -1)
        let encoder = _JSONNodeEncoder(writer: writer, slot: root, owner: nil, key: nil)
        try writer.encode(value, into: root, owner: encoder, key: nil)
        guard writer.tree.pointee.kind(root) != .unset else {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Top-level \(Value.self) did not encode any values."))
        }
        do {
            return try writer.tree.pointee.serialize(root)
        } catch is JSONTree.NestingTooDeep {
            throw EncodingError.invalidValue(value, EncodingError.Context(
                codingPath: [], debugDescription: "Unable to encode the given top-level value to JSON."))
        }
    }

    /// Everything written so far. Behind a pointer rather than in stored properties: Swift checks
    /// every access to a class's `var` for exclusivity at run time, which cost a fifth of the time.
    /// Only short, non-overlapping accesses are made (never across a call into a value's encode(to:)).
    let tree: UnsafeMutablePointer<JSONTree>

    private init() {
        tree = .allocate(capacity: 1)
        tree.initialize(to: JSONTree())
    }

    deinit {
        tree.deinitialize(count: 1)
        tree.deallocate()
    }

    /// Encodes `value` into `slot`. The coding path of the value is `owner`'s path plus `key`; with
    /// no key, `slot` is `owner`'s own slot (a single value container).
    func encode<T: Encodable>(_ value: T, into slot: Int32, owner: _JSONNodeEncoder, key: (any CodingKey)?) throws {
        // The common scalars, without a trip through their encode(to:) (same JSON).
        if T.self == String.self { return tree.pointee.setString(slot, value as! String) }
        if T.self == Double.self {
            let double = value as! Double
            if tree.pointee.setDouble(slot, double) { return }
            throw Self.notFinite(double, owner: owner, key: key)
        }
        if T.self == Int.self { return tree.pointee.setInteger(slot, value as! Int) }
        if T.self == Bool.self { return tree.pointee.setBool(slot, value as! Bool) }
        let type = ObjectIdentifier(T.self)
        if type == Self.optionalString {
            if let string = value as! String? { return tree.pointee.setString(slot, string) }
            return tree.pointee.setNull(slot)
        }
        if type == Self.optionalDouble {
            guard let double = value as! Double? else { return tree.pointee.setNull(slot) }
            if tree.pointee.setDouble(slot, double) { return }
            throw Self.notFinite(double, owner: owner, key: key)
        }
        // JSONEncoder's special cases, tested the way it tests them (`as?`, which also looks inside
        // an Optional); asked once per type whether they can apply at all.
        if tree.pointee.mayBeSpecial(T.self) {
            if let data = value as? Data { return tree.pointee.setString(slot, data.base64EncodedString()) }
            if let url = value as? URL { return tree.pointee.setString(slot, url.absoluteString) }
            if let decimal = value as? Decimal { return tree.pointee.setNumberText(slot, decimal.description) }
            if let dictionary = value as? any _JSONStringKeyedDictionary {
                // Keys as they are. JSONEncoder gives the values the path of the encoder that holds
                // the dictionary, without the dictionary's own key.
                tree.pointee.makeContainer(slot, .object)
                return try dictionary._encodeEntries(into: self, object: slot, owner: owner)
            }
        }
        let encoder = key.map { _JSONNodeEncoder(writer: self, slot: slot, owner: owner, key: $0) } ?? owner
        try value.encode(to: encoder)
        // Nothing encoded: the slot stays unset and is written as an empty object.
    }

    private static let optionalString = ObjectIdentifier(String?.self)
    private static let optionalDouble = ObjectIdentifier(Double?.self)

    /// JSONEncoder's error for NaN and infinity, with the path it gives: `owner`'s path plus `key`.
    static func notFinite<F: BinaryFloatingPoint>(_ value: F, owner: _JSONNodeEncoder, key: (any CodingKey)?) -> EncodingError {
        var path = owner.codingPath
        if let key { path.append(key) }
        return EncodingError.invalidValue(value, EncodingError.Context(
            codingPath: path, debugDescription: "Unable to encode \(F.self).\(value) directly in JSON."))
    }
}

extension JSONWriter {
    /// JSONEncoder.KeyEncodingStrategy.convertToSnakeCase: words split where lower case turns to
    /// upper case and before the last capital of a run of capitals, joined by "_", lower-cased
    /// ("myURLProperty" → "my_url_property", "inputSha256" → "input_sha256", "URLValue" →
    /// "u_rl_value"). Done here for ASCII keys; any other key is asked of JSONEncoder itself, whose
    /// notion of upper and lower case (CoreFoundation's tables) this cannot promise to match.
    static func snakeCase(_ key: String) -> String {
        let bytes = Array(key.utf8)
        guard !bytes.isEmpty else { return key }
        // "\r\n" is one Character, and JSONEncoder steps by Character; leave it to JSONEncoder too.
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return foundationSnakeCase(key) }
        func isUpper(_ b: UInt8) -> Bool { b >= 0x41 && b <= 0x5A }
        func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
        let end = bytes.count
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        while let upper = (searchStart..<end).first(where: { isUpper(bytes[$0]) }) {
            words.append(wordStart..<upper)
            searchStart = upper
            guard let lower = (searchStart..<end).first(where: { isLower(bytes[$0]) }) else {
                wordStart = searchStart
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<end)
        var result: [UInt8] = []
        result.reserveCapacity(end + words.count)
        for (index, word) in words.enumerated() {
            if index > 0 { result.append(0x5F) }
            for byte in bytes[word] { result.append(isUpper(byte) ? byte + 0x20 : byte) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    private struct OneKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private struct OneKeyObject: Encodable {
        var key: String
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: OneKey.self)
            try container.encodeNil(forKey: OneKey(stringValue: key))
        }
    }

    private static func foundationSnakeCase(_ key: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(OneKeyObject(key: key)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let converted = object.keys.first
        else { return key }
        return converted
    }
}

/// The document as a flat tree: nodes, the bytes of every scalar, and the keys.
struct JSONTree {
    enum Kind: UInt8 { case unset, scalar, object, array }

    /// One value. Children of an array or object form a linked list in the order they were written.
    struct Node {
        var kind: Kind
        /// The key of an object member (an index into the key table); -1 otherwise.
        var key: Int32
        /// A scalar: its bytes in `scalars`, from `first` to `last`. A container: its first and last child.
        var first: Int32 = -1
        var last: Int32 = -1
        var next: Int32 = -1
        var count: Int32 = 0
    }

    private(set) var nodes: [Node] = []
    /// The JSON text of every scalar (numbers, quoted and escaped strings, true, false, null).
    var scalars: [UInt8] = []

    init() {
        nodes.reserveCapacity(4096)
        scalars.reserveCapacity(64 * 1024)
    }

    // MARK: Nodes

    mutating func newNode(key: Int32) -> Int32 {
        nodes.append(Node(kind: .unset, key: key))
        return Int32(nodes.count - 1)
    }

    /// Appends an unset child to a container.
    mutating func appendChild(to parent: Int32, key: Int32) -> Int32 {
        let child = Int32(nodes.count)
        nodes.append(Node(kind: .unset, key: key))
        let p = Int(parent)
        let last = nodes[p].last
        if last >= 0 { nodes[Int(last)].next = child } else { nodes[p].first = child }
        nodes[p].last = child
        nodes[p].count += 1
        return child
    }

    /// The last member of `object` with `key`, if any.
    func member(of object: Int32, key: Int32) -> Int32? {
        var found: Int32?
        var child = nodes[Int(object)].first
        while child >= 0 {
            if nodes[Int(child)].key == key { found = child }
            child = nodes[Int(child)].next
        }
        return found
    }

    mutating func makeContainer(_ node: Int32, _ kind: Kind) { nodes[Int(node)].kind = kind }

    func kind(_ node: Int32) -> Kind { nodes[Int(node)].kind }

    func count(_ node: Int32) -> Int { Int(nodes[Int(node)].count) }

    // MARK: Scalars

    @inline(__always)
    private mutating func finishScalar(_ node: Int32, from start: Int) {
        precondition(scalars.count < Int(Int32.max), "JSON report larger than 2 GB")
        let n = Int(node)
        nodes[n].kind = .scalar
        nodes[n].first = Int32(start)
        nodes[n].last = Int32(scalars.count)
    }

    /// Ends a number written from `start`, without a trailing ".0" (JSONEncoder drops it).
    mutating func finishNumber(_ node: Int32, from start: Int) {
        let end = scalars.count
        if end - start >= 2, scalars[end - 2] == 0x2E, scalars[end - 1] == 0x30 { scalars.removeLast(2) }
        finishScalar(node, from: start)
    }

    @inline(__always)
    private mutating func setLiteral(_ node: Int32, _ text: StaticString) {
        let start = scalars.count
        text.withUTF8Buffer { scalars.append(contentsOf: $0) }
        finishScalar(node, from: start)
    }

    mutating func setNull(_ node: Int32) { setLiteral(node, "null") }

    mutating func setBool(_ node: Int32, _ value: Bool) { setLiteral(node, value ? "true" : "false") }

    mutating func setString(_ node: Int32, _ value: String) {
        let start = scalars.count
        Self.appendQuoted(value, to: &scalars)
        finishScalar(node, from: start)
    }

    mutating func setInteger<I: BinaryInteger>(_ node: Int32, _ value: I) {
        let start = scalars.count
        if let small = Int64(exactly: value) {
            Self.appendDecimal(small.magnitude, negative: small < 0, to: &scalars)
        } else if let large = UInt64(exactly: value) {
            Self.appendDecimal(large, negative: false, to: &scalars)
        } else {
            scalars.append(contentsOf: value.description.utf8) // Int128 and wider
        }
        finishScalar(node, from: start)
    }

    /// A number as JSONEncoder writes it: `description` without a trailing ".0". False, and nothing
    /// written, for NaN and infinity (JSONEncoder throws; see `JSONWriter.notFinite`).
    mutating func setDouble(_ node: Int32, _ value: Double) -> Bool {
        guard value.isFinite else { return false }
        let start = scalars.count
        value.write(to: &self)
        finishNumber(node, from: start)
        return true
    }

    mutating func setFloat(_ node: Int32, _ value: Float) -> Bool {
        guard value.isFinite else { return false }
        let start = scalars.count
        value.write(to: &self)
        finishNumber(node, from: start)
        return true
    }

    /// The text of a number that JSONEncoder takes as it is (Decimal).
    mutating func setNumberText(_ node: Int32, _ text: String) {
        let start = scalars.count
        scalars.append(contentsOf: text.utf8)
        finishScalar(node, from: start)
    }

    /// The decimal digits of an integer, as `description` writes them.
    static func appendDecimal(_ magnitude: UInt64, negative: Bool, to bytes: inout [UInt8]) {
        if negative { bytes.append(0x2D) }
        if magnitude < 10 {
            bytes.append(0x30 &+ UInt8(truncatingIfNeeded: magnitude))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes: room for the 20 digits of UInt64.max
        withUnsafeMutableBytes(of: &digits) { buffer in
            var rest = magnitude
            var index = buffer.count
            while rest > 0 {
                index -= 1
                buffer[index] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[index...]))
        }
    }

    /// `"value"` escaped as JSONEncoder escapes it with .withoutEscapingSlashes.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var mark = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if index > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark..<index])) }
                mark = index + 1
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62]) // \b
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66]) // \f
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E]) // \n
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72]) // \r
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74]) // \t
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                }
            }
            if utf8.count > mark { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[mark...])) }
        }
        bytes.append(0x22)
    }

    // MARK: Types

    /// Per type: could JSONEncoder's `as?` tests for Data, URL, Decimal or [String: V] succeed? Only
    /// for those types themselves and for Optionals (which `as?` looks into).
    private var specialTypes: [ObjectIdentifier: Bool] = [:]

    mutating func mayBeSpecial<T>(_ type: T.Type) -> Bool {
        let id = ObjectIdentifier(type)
        if let known = specialTypes[id] { return known }
        let special = type == Data.self || type == URL.self || type == Decimal.self
            || type is any _JSONStringKeyedDictionary.Type || type is any _JSONOptional.Type
        specialTypes[id] = special
        return special
    }

    // MARK: Keys

    /// Every distinct key as JSON has it: its UTF-8 (to sort by) and `"key" : ` as written.
    private var keyIDs: [String: Int32] = [:]
    private var keyRaw: [[UInt8]] = []
    private var keyText: [[UInt8]] = []
    /// A coding key's string value → the id of its snake_case form.
    private var snakeCaseIDs = StringTable()

    /// The id of a key written as it is (a [String: V] dictionary's).
    mutating func keyID(verbatim key: String) -> Int32 {
        if let id = keyIDs[key] { return id }
        let id = Int32(keyRaw.count)
        keyIDs[key] = id
        keyRaw.append(Array(key.utf8))
        var text: [UInt8] = []
        Self.appendQuoted(key, to: &text)
        text.append(contentsOf: [0x20, 0x3A, 0x20]) // " : "
        keyText.append(text)
        return id
    }

    /// The id of a coding key after .convertToSnakeCase.
    mutating func keyID(converting key: String) -> Int32 {
        let hash = StringTable.hash(key)
        if let id = snakeCaseIDs.find(key, hash: hash) { return id }
        let id = keyID(verbatim: JSONWriter.snakeCase(key))
        snakeCaseIDs.insert(key, hash: hash, value: id)
        return id
    }

    // MARK: Serializing

    struct NestingTooDeep: Error {}

    private var keyRank: [Int32] = []
    private var scratch: [Int32] = []

    mutating func serialize(_ root: Int32) throws -> String {
        // Sort every key once; objects then sort their members by rank.
        let order = (0..<keyRaw.count).sorted { keyRaw[$0].lexicographicallyPrecedes(keyRaw[$1]) }
        keyRank = [Int32](repeating: 0, count: keyRaw.count)
        for (rank, id) in order.enumerated() { keyRank[id] = Int32(rank) }

        let size = try measure(root, level: 0) + 1
        return String(unsafeUninitializedCapacity: size) { buffer in
            var cursor = buffer.baseAddress!
            scalars.withUnsafeBufferPointer { scalarBytes in
                nodes.withUnsafeBufferPointer { nodeBuffer in
                    keyText.withUnsafeBufferPointer { keys in
                        var output = Output(cursor: cursor, nodes: nodeBuffer, scalars: scalarBytes, keys: keys)
                        output.write(root, level: 0)
                        cursor = output.cursor
                    }
                }
            }
            cursor.pointee = 0x0A
            let written = buffer.baseAddress!.distance(to: cursor) + 1
            precondition(written == size, "JSON size \(written) differs from its measure \(size)")
            return written
        }
    }

    /// The byte length of a value; sorts the members of each object (the last of equal keys kept).
    private mutating func measure(_ node: Int32, level: Int) throws -> Int {
        let n = Int(node)
        switch nodes[n].kind {
        case .scalar:
            return Int(nodes[n].last - nodes[n].first)
        case .unset, .array, .object:
            // JSONEncoder's writer refuses the 512th level of nesting.
            guard level + 1 < 512 else { throw NestingTooDeep() }
            if nodes[n].kind == .object { sortMembers(n) }
            let count = Int(nodes[n].count)
            if count == 0 { return 4 + 2 * level } // [\n\n<indent>]
            var size = 2 + 2 * (count - 1) + 2 + 2 * level // [\n … ,\n … \n<indent>]
            var child = nodes[n].first
            while child >= 0 {
                size += 2 * (level + 1)
                let key = nodes[Int(child)].key
                if key >= 0 { size += keyText[Int(key)].count }
                size += try measure(child, level: level + 1)
                child = nodes[Int(child)].next
            }
            return size
        }
    }

    private mutating func sortMembers(_ n: Int) {
        guard nodes[n].count > 1 else { return }
        // Already in order (strictly increasing ranks: no key twice)?
        var sorted = true
        var previous = nodes[Int(nodes[n].first)]
        var child = previous.next
        while child >= 0 {
            let node = nodes[Int(child)]
            if keyRank[Int(node.key)] <= keyRank[Int(previous.key)] { sorted = false; break }
            previous = node
            child = node.next
        }
        if sorted { return }

        // (rank, node) pairs: by key, and equal keys in the order written, the last one last.
        scratch.removeAll(keepingCapacity: true)
        child = nodes[n].first
        while child >= 0 {
            scratch.append(keyRank[Int(nodes[Int(child)].key)])
            scratch.append(child)
            child = nodes[Int(child)].next
        }
        let pairs = scratch.count / 2
        scratch.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: Int64.self) { packed in
                // rank in the high half, node in the low half: one integer sorts both ways at once.
                for i in 0..<pairs {
                    let rank = UInt64(UInt32(bitPattern: buffer[2 * i])), node = UInt64(UInt32(bitPattern: buffer[2 * i + 1]))
                    packed[i] = Int64(bitPattern: rank << 32 | node)
                }
                packed[0..<pairs].sort()
            }
        }
        var kept: Int32 = 0
        var last: Int32 = -1
        scratch.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: Int64.self) { packed in
                for i in 0..<pairs {
                    let rank = packed[i] >> 32
                    if i + 1 < pairs, packed[i + 1] >> 32 == rank { continue } // a later member with the same key wins
                    let member = Int32(truncatingIfNeeded: packed[i])
                    if last >= 0 { nodes[Int(last)].next = member } else { nodes[n].first = member }
                    last = member
                    kept += 1
                }
            }
        }
        nodes[Int(last)].next = -1
        nodes[n].last = last
        nodes[n].count = kept
    }

    private struct Output {
        var cursor: UnsafeMutablePointer<UInt8>
        let nodes: UnsafeBufferPointer<Node>
        let scalars: UnsafeBufferPointer<UInt8>
        let keys: UnsafeBufferPointer<[UInt8]>

        @inline(__always)
        mutating func byte(_ value: UInt8) {
            cursor.pointee = value
            cursor += 1
        }

        @inline(__always)
        mutating func indent(_ level: Int) {
            cursor.update(repeating: 0x20, count: 2 * level)
            cursor += 2 * level
        }

        @inline(__always)
        mutating func bytes(_ source: UnsafeBufferPointer<UInt8>) {
            guard let base = source.baseAddress, source.count > 0 else { return }
            cursor.update(from: base, count: source.count)
            cursor += source.count
        }

        mutating func write(_ node: Int32, level: Int) {
            let item = nodes[Int(node)]
            switch item.kind {
            case .scalar:
                bytes(UnsafeBufferPointer(rebasing: scalars[Int(item.first)..<Int(item.last)]))
            case .unset, .array, .object:
                let isArray = item.kind == .array
                byte(isArray ? 0x5B : 0x7B)
                byte(0x0A)
                var child = item.first
                var first = true
                while child >= 0 {
                    if !first {
                        byte(0x2C)
                        byte(0x0A)
                    }
                    first = false
                    indent(level + 1)
                    let member = nodes[Int(child)]
                    if member.key >= 0 { keys[Int(member.key)].withUnsafeBufferPointer { bytes($0) } }
                    write(child, level: level + 1)
                    child = member.next
                }
                byte(0x0A)
                indent(level)
                byte(isArray ? 0x5D : 0x7D)
            }
        }
    }
}

/// Receives the digits of a Double or Float into the scalars: `write(to:)` hands them over as ASCII
/// bytes, with no String in between (the same digits as `description`).
extension JSONTree: TextOutputStream {
    mutating func write(_ string: String) { scalars.append(contentsOf: string.utf8) }
    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { scalars.append(contentsOf: buffer) }
}

/// String → Int32 with a cheap hash (FNV-1a of the UTF-8) instead of the seeded SipHash of
/// Dictionary: looked up once for every member of every object.
struct StringTable {
    private var slots = [Int32](repeating: -1, count: 64)
    private var strings: [String] = []
    private var hashes: [Int] = []
    private var values: [Int32] = []

    static func hash(_ string: String) -> Int {
        func fnv<S: Sequence<UInt8>>(_ bytes: S) -> Int {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return Int(truncatingIfNeeded: hash)
        }
        return string.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(string.utf8)
    }

    func find(_ string: String, hash: Int) -> Int32? {
        let mask = slots.count - 1
        var slot = hash & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if hashes[entry] == hash, strings[entry] == string { return values[entry] }
            slot = (slot + 1) & mask
        }
    }

    mutating func insert(_ string: String, hash: Int, value: Int32) {
        if 2 * (strings.count + 1) > slots.count {
            slots = [Int32](repeating: -1, count: 2 * slots.count)
            for entry in strings.indices { place(Int32(entry), hash: hashes[entry]) }
        }
        strings.append(string)
        hashes.append(hash)
        values.append(value)
        place(Int32(strings.count - 1), hash: hash)
    }

    private mutating func place(_ entry: Int32, hash: Int) {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = entry
    }
}

/// Optional, whose `as?` looks at what it wraps.
protocol _JSONOptional {}
extension Optional: _JSONOptional {}

/// A [String: V] dictionary: written with its keys as they are.
protocol _JSONStringKeyedDictionary {
    func _encodeEntries(into writer: JSONWriter, object: Int32, owner: _JSONNodeEncoder) throws
}

extension Dictionary: _JSONStringKeyedDictionary where Key == String, Value: Encodable {
    func _encodeEntries(into writer: JSONWriter, object: Int32, owner: _JSONNodeEncoder) throws {
        let tree = writer.tree
        // JSONEncoder encodes each value as a single value of an encoder whose path is `owner`'s
        // plus the key. For a plain scalar that path is only needed for a NaN, so no encoder is made.
        let scalar = Value.self == String.self || Value.self == Double.self || Value.self == Int.self
            || Value.self == Bool.self
        for (key, value) in self {
            let id = tree.pointee.keyID(verbatim: key)
            let member = tree.pointee.appendChild(to: object, key: id)
            if scalar {
                try writer.encode(value, into: member, owner: owner, key: _JSONCodingKey.string(key))
            } else {
                let encoder = _JSONNodeEncoder(writer: writer, slot: member, owner: owner, key: _JSONCodingKey.string(key))
                try writer.encode(value, into: member, owner: encoder, key: nil)
            }
        }
    }
}

/// The coding keys JSONEncoder makes up: "Index 3" (intValue 3) for an array element, a
/// dictionary's own keys, "super". An index costs nothing until a path is asked for.
enum _JSONCodingKey: CodingKey {
    case string(String)
    case index(Int)

    init(stringValue: String) { self = .string(stringValue) }
    init(intValue: Int) { self = .index(intValue) }
    init(index: Int) { self = .index(index) }

    var stringValue: String {
        switch self {
        case .string(let string): return string
        case .index(let index): return "Index \(index)"
        }
    }

    var intValue: Int? {
        switch self {
        case .string: return nil
        case .index(let index): return index
        }
    }

    static let `super` = _JSONCodingKey.string("super")
}

// MARK: - Encoder and containers

/// The Encoder handed to each value's encode(to:): it writes into one node (`slot`).
final class _JSONNodeEncoder: Encoder, SingleValueEncodingContainer {
    let writer: JSONWriter
    let slot: Int32
    let owner: _JSONNodeEncoder?
    let key: (any CodingKey)?

    init(writer: JSONWriter, slot: Int32, owner: _JSONNodeEncoder?, key: (any CodingKey)?) {
        self.writer = writer
        self.slot = slot
        self.owner = owner
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: _JSONNodeEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.owner
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    private var tree: UnsafeMutablePointer<JSONTree> { writer.tree }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        switch tree.pointee.kind(slot) {
        case .unset: tree.pointee.makeContainer(slot, .object)
        case .object: break
        case .array, .scalar:
            preconditionFailure("Attempt to push new keyed encoding container when already previously encoded at this path.")
        }
        return KeyedEncodingContainer(_JSONKeyedContainer<Key>(encoder: self, object: slot, nesting: []))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        switch tree.pointee.kind(slot) {
        case .unset: tree.pointee.makeContainer(slot, .array)
        case .array: break
        case .object, .scalar:
            preconditionFailure("Attempt to push new unkeyed encoding container when already previously encoded at this path.")
        }
        return _JSONUnkeyedContainer(encoder: self, array: slot, nesting: [])
    }

    func singleValueContainer() -> SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    /// JSONEncoder keeps a container over a single value encoded at the same place, and refuses a
    /// second single value.
    private func canEncode() -> Bool {
        switch tree.pointee.kind(slot) {
        case .unset: return true
        case .scalar: preconditionFailure("Attempt to encode value through single value container when previously value already encoded.")
        case .object, .array: return false
        }
    }

    func encodeNil() throws { if canEncode() { tree.pointee.setNull(slot) } }
    func encode(_ value: Bool) throws { if canEncode() { tree.pointee.setBool(slot, value) } }
    func encode(_ value: String) throws { if canEncode() { tree.pointee.setString(slot, value) } }
    func encode(_ value: Double) throws {
        if canEncode(), !tree.pointee.setDouble(slot, value) { throw JSONWriter.notFinite(value, owner: self, key: nil) }
    }
    func encode(_ value: Float) throws {
        if canEncode(), !tree.pointee.setFloat(slot, value) { throw JSONWriter.notFinite(value, owner: self, key: nil) }
    }
    func encode(_ value: Int) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: Int8) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: Int16) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: Int32) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: Int64) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    func encode(_ value: Int128) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: UInt) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: UInt8) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: UInt16) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: UInt32) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode(_ value: UInt64) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    func encode(_ value: UInt128) throws { if canEncode() { tree.pointee.setInteger(slot, value) } }
    func encode<T: Encodable>(_ value: T) throws {
        if canEncode() { try writer.encode(value, into: slot, owner: self, key: nil) }
    }
}

struct _JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    /// The encoder that asked for the container (or for the one it is nested in).
    let encoder: _JSONNodeEncoder
    let object: Int32
    /// Keys of the nested containers between `encoder` and this one.
    let nesting: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + nesting }

    private var writer: JSONWriter { encoder.writer }
    private var tree: UnsafeMutablePointer<JSONTree> { encoder.writer.tree }

    @inline(__always)
    private func newMember(_ key: Key) -> Int32 {
        let id = tree.pointee.keyID(converting: key.stringValue)
        return tree.pointee.appendChild(to: object, key: id)
    }

    mutating func encodeNil(forKey key: Key) throws { tree.pointee.setNull(newMember(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { tree.pointee.setBool(newMember(key), value) }
    mutating func encode(_ value: String, forKey key: Key) throws { tree.pointee.setString(newMember(key), value) }
    // JSONEncoder reports a NaN with the path of the encoder plus the key, without nesting keys.
    mutating func encode(_ value: Double, forKey key: Key) throws {
        if !tree.pointee.setDouble(newMember(key), value) { throw JSONWriter.notFinite(value, owner: encoder, key: key) }
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        if !tree.pointee.setFloat(newMember(key), value) { throw JSONWriter.notFinite(value, owner: encoder, key: key) }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128, forKey key: Key) throws { tree.pointee.setInteger(newMember(key), value) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try writer.encode(value, into: newMember(key), owner: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        let id = tree.pointee.keyID(converting: key.stringValue)
        let node: Int32
        if let existing = tree.pointee.member(of: object, key: id) {
            switch tree.pointee.kind(existing) {
            case .object: break
            case .unset: tree.pointee.makeContainer(existing, .object)
            case .array, .scalar:
                preconditionFailure("Attempt to re-encode into nested KeyedEncodingContainer<\(Key.self)> for key \"\(key.stringValue)\" is invalid: non-keyed container already encoded for this key")
            }
            node = existing
        } else {
            node = tree.pointee.appendChild(to: object, key: id)
            tree.pointee.makeContainer(node, .object)
        }
        return KeyedEncodingContainer(_JSONKeyedContainer<NestedKey>(encoder: encoder, object: node, nesting: nesting + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let id = tree.pointee.keyID(converting: key.stringValue)
        let node: Int32
        if let existing = tree.pointee.member(of: object, key: id) {
            switch tree.pointee.kind(existing) {
            case .array: break
            case .unset: tree.pointee.makeContainer(existing, .array)
            case .object, .scalar:
                preconditionFailure("Attempt to re-encode into nested UnkeyedEncodingContainer for key \"\(key.stringValue)\" is invalid: keyed container/single value already encoded for this key")
            }
            node = existing
        } else {
            node = tree.pointee.appendChild(to: object, key: id)
            tree.pointee.makeContainer(node, .array)
        }
        return _JSONUnkeyedContainer(encoder: encoder, array: node, nesting: nesting + [key])
    }

    mutating func superEncoder() -> Encoder {
        let id = tree.pointee.keyID(converting: _JSONCodingKey.super.stringValue)
        let member = tree.pointee.appendChild(to: object, key: id)
        return _JSONNodeEncoder(writer: writer, slot: member, owner: encoder, key: _JSONCodingKey.super)
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        _JSONNodeEncoder(writer: writer, slot: newMember(key), owner: encoder, key: key)
    }
}

struct _JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: _JSONNodeEncoder
    let array: Int32
    let nesting: [any CodingKey]

    var codingPath: [any CodingKey] { encoder.codingPath + nesting }
    var count: Int { tree.pointee.count(array) }

    private var writer: JSONWriter { encoder.writer }
    private var tree: UnsafeMutablePointer<JSONTree> { encoder.writer.tree }

    @inline(__always)
    private func newElement() -> Int32 { tree.pointee.appendChild(to: array, key: -1) }

    mutating func encodeNil() throws { tree.pointee.setNull(newElement()) }
    mutating func encode(_ value: Bool) throws { tree.pointee.setBool(newElement(), value) }
    mutating func encode(_ value: String) throws { tree.pointee.setString(newElement(), value) }
    mutating func encode(_ value: Double) throws {
        let index = count
        if !tree.pointee.setDouble(newElement(), value) {
            throw JSONWriter.notFinite(value, owner: encoder, key: _JSONCodingKey(index: index))
        }
    }
    mutating func encode(_ value: Float) throws {
        let index = count
        if !tree.pointee.setFloat(newElement(), value) {
            throw JSONWriter.notFinite(value, owner: encoder, key: _JSONCodingKey(index: index))
        }
    }
    mutating func encode(_ value: Int) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: Int8) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: Int16) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: Int32) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: Int64) throws { tree.pointee.setInteger(newElement(), value) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: Int128) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt8) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt16) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt32) throws { tree.pointee.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt64) throws { tree.pointee.setInteger(newElement(), value) }
    @available(macOS 15.0, iOS 18.0, tvOS 18.0, watchOS 11.0, visionOS 2.0, *)
    mutating func encode(_ value: UInt128) throws { tree.pointee.setInteger(newElement(), value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = _JSONCodingKey(index: count)
        try writer.encode(value, into: newElement(), owner: encoder, key: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let key = _JSONCodingKey(index: count)
        let node = newElement()
        tree.pointee.makeContainer(node, .object)
        return KeyedEncodingContainer(_JSONKeyedContainer<NestedKey>(encoder: encoder, object: node, nesting: nesting + [key]))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let key = _JSONCodingKey(index: count)
        let node = newElement()
        tree.pointee.makeContainer(node, .array)
        return _JSONUnkeyedContainer(encoder: encoder, array: node, nesting: nesting + [key])
    }

    mutating func superEncoder() -> Encoder {
        let key = _JSONCodingKey(index: count)
        return _JSONNodeEncoder(writer: writer, slot: newElement(), owner: encoder, key: key)
    }
}
