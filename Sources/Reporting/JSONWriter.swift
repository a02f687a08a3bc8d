import Foundation

// The JSON of every report: byte for byte what Foundation's JSONEncoder writes with
// keyEncodingStrategy .convertToSnakeCase and outputFormatting [.prettyPrinted, .sortedKeys,
// .withoutEscapingSlashes], faster than JSONEncoder at national size (JSONEncoder boxes every value
// and builds a Dictionary per object; here the values go into one flat array of nodes and one byte
// buffer, and each distinct key is converted once). Benchmarks/RESULTS.md has the timings.
//
// The writer knows the shapes the project's result values take: keyed and unkeyed containers,
// strings, numbers, booleans, nulls, optionals and [String: V] dictionaries, with ASCII keys.
// Anything else (Data, URL, Decimal, super encoders, a nested container opened twice, a key that is
// not ASCII or appears twice in one object, a value that encodes nothing, NaN or infinity, nesting
// deeper than JSONEncoder allows) is handed to JSONEncoder itself, so the output, and every error
// thrown, is always JSONEncoder's (JSONWriterTests holds the two to the same bytes).
//
// JSONEncoder's format, which the fast path follows:
// - "key" : value, two spaces of indent per level; an empty array is "[\n\n<indent>]" and an empty
//   object "{\n\n<indent>}" (a blank line inside).
// - Keys sorted by their UTF-8 bytes ("input_sha256" before "inputs", "B" before "a").
// - Keys of a [String: V] dictionary stay as they are; every other key goes through snake_case.
// - Strings escape only ", \ and the control characters below U+0020 (\b \f \n \r \t, otherwise
//   \u00XX in lower-case hex); "/" and everything else stay as they are.
// - A Double or Float is its `description` without a trailing ".0": 1, -0, 1e-07, 1e+21.

/// Writes an `Encodable` value as the reports' JSON (see above), ending in a newline.
enum JSONWriter {
    static func render<Value: Encodable>(_ value: Value) throws -> String {
        do {
            return try writeKnownShapes(value)
        } catch {
            // Outside what the writer knows, or an error: JSONEncoder gives the answer (or the error).
            return try foundation(value)
        }
    }

    /// The fast path alone: throws for anything it leaves to JSONEncoder.
    static func writeKnownShapes<Value: Encodable>(_ value: Value) throws -> String {
        let document = JSONDocument()
        let encoder = JSONNodeEncoder(document: document, slot: document.newNode(key: -1), parent: nil, key: nil)
        try encoder.encode(value)
        return try document.serialize()
    }

    static func foundation<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    /// JSONEncoder.KeyEncodingStrategy.convertToSnakeCase for an ASCII key: words split where lower
    /// case turns to upper case and before the last capital of a run of capitals, joined by "_",
    /// lower-cased ("myURLProperty" → "my_url_property", "inputSha256" → "input_sha256"). Nil for
    /// any other key (JSONEncoder's notion of case there is CoreFoundation's).
    static func snakeCase(_ key: String) -> String? {
        let bytes = Array(key.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
        guard !bytes.isEmpty else { return key }
        func isUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
        func isLower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
        var words: [Range<Int>] = []
        var wordStart = 0
        var searchStart = 1
        while let upper = (searchStart..<bytes.count).first(where: { isUpper(bytes[$0]) }) {
            words.append(wordStart..<upper)
            searchStart = upper
            guard let lower = (searchStart..<bytes.count).first(where: { isLower(bytes[$0]) }) else {
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
        words.append(wordStart..<bytes.count)
        let snake = words.map { word in bytes[word].map { isUpper($0) ? $0 + 0x20 : $0 } }.joined(separator: [0x5F])
        return String(decoding: Array(snake), as: UTF8.self)
    }
}

/// Thrown inside the writer for anything it leaves to JSONEncoder.
struct UnsupportedByJSONWriter: Error {}

/// The document as a flat tree: nodes, the text of every scalar, and the keys.
final class JSONDocument {
    enum Kind: UInt8 { case unset, scalar, object, array }

    /// One value. The children of an array or object form a linked list in the order written.
    struct Node {
        var kind: Kind
        /// An object member's key (an index into `keys`); -1 otherwise.
        var key: Int32
        /// A scalar: its bytes in `scalars` from `first` up to `last`. A container: its first and last child.
        var first: Int32 = -1
        var last: Int32 = -1
        var next: Int32 = -1
    }

    private(set) var nodes: [Node] = []
    /// The JSON text of every scalar (numbers, quoted and escaped strings, true, false, null).
    private var scalars: [UInt8] = []
    /// Every distinct key: its UTF-8 (to sort by) and `"key" : ` as written.
    private var keys: [(raw: [UInt8], text: [UInt8])] = []
    private var keyIDs: [String: Int32] = [:]
    /// A coding key's string value → the id of its snake_case form.
    private var convertedKeyIDs: [String: Int32] = [:]

    /// Set when a value used something the writer leaves to JSONEncoder (see the top of the file).
    private(set) var leftToFoundation = false

    func leaveToFoundation() { leftToFoundation = true }

    init() {
        nodes.reserveCapacity(4096)
        scalars.reserveCapacity(64 * 1024)
    }

    func newNode(key: Int32) -> Int32 {
        nodes.append(Node(kind: .unset, key: key))
        return Int32(nodes.count - 1)
    }

    /// Appends an unset child to a container.
    func appendChild(to parent: Int32, key: Int32) -> Int32 {
        let child = newNode(key: key)
        let last = nodes[Int(parent)].last
        if last >= 0 { nodes[Int(last)].next = child } else { nodes[Int(parent)].first = child }
        nodes[Int(parent)].last = child
        return child
    }

    func kind(_ node: Int32) -> Kind { nodes[Int(node)].kind }

    /// Makes `node` a container of `kind`; a node already holding something else is left to JSONEncoder.
    func makeContainer(_ node: Int32, _ kind: Kind) throws {
        guard nodes[Int(node)].kind == .unset || nodes[Int(node)].kind == kind else { throw UnsupportedByJSONWriter() }
        nodes[Int(node)].kind = kind
    }

    // MARK: Scalars

    /// Writes a scalar into an unset node with `body`, which appends its JSON text to the scalars.
    private func setScalar(_ node: Int32, _ body: (inout [UInt8]) throws -> Void) throws {
        guard nodes[Int(node)].kind == .unset else { throw UnsupportedByJSONWriter() }
        let start = scalars.count
        try body(&scalars)
        precondition(scalars.count < Int(Int32.max), "JSON report larger than 2 GB")
        nodes[Int(node)].kind = .scalar
        nodes[Int(node)].first = Int32(start)
        nodes[Int(node)].last = Int32(scalars.count)
    }

    func setNull(_ node: Int32) throws { try setScalar(node) { $0.append(contentsOf: "null".utf8) } }

    func setBool(_ node: Int32, _ value: Bool) throws {
        try setScalar(node) { $0.append(contentsOf: (value ? "true" : "false").utf8) }
    }

    func setString(_ node: Int32, _ value: String) throws { try setScalar(node) { Self.appendQuoted(value, to: &$0) } }

    func setInteger<Integer: BinaryInteger>(_ node: Int32, _ value: Integer) throws {
        try setScalar(node) { $0.append(contentsOf: String(value).utf8) }
    }

    /// A number as JSONEncoder writes it: `description` without a trailing ".0". NaN and infinity
    /// are left to JSONEncoder, which throws its own error for them.
    func setNumber<Number: BinaryFloatingPoint & LosslessStringConvertible>(_ node: Int32, _ value: Number) throws {
        guard value.isFinite else { throw UnsupportedByJSONWriter() }
        try setScalar(node) { bytes in
            let text = value.description
            bytes.append(contentsOf: text.hasSuffix(".0") ? text.utf8.dropLast(2) : text.utf8[...])
        }
    }

    /// `"value"` escaped as JSONEncoder escapes it with .withoutEscapingSlashes.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) {
            bytes.append(contentsOf: value.utf8)
        } else {
            for byte in value.utf8 {
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x08: bytes.append(contentsOf: [0x5C, 0x62]) // \b
                case 0x0C: bytes.append(contentsOf: [0x5C, 0x66]) // \f
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E]) // \n
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72]) // \r
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74]) // \t
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
    }

    // MARK: Keys

    /// The id of a key written as it is (a [String: V] dictionary's, or one already converted).
    func keyID(verbatim key: String) -> Int32 {
        if let id = keyIDs[key] { return id }
        let id = Int32(keys.count)
        keyIDs[key] = id
        var text: [UInt8] = []
        Self.appendQuoted(key, to: &text)
        text.append(contentsOf: " : ".utf8)
        keys.append((Array(key.utf8), text))
        return id
    }

    /// The id of a coding key after .convertToSnakeCase.
    func keyID(converting key: String) throws -> Int32 {
        if let id = convertedKeyIDs[key] { return id }
        guard let converted = JSONWriter.snakeCase(key) else { throw UnsupportedByJSONWriter() }
        let id = keyID(verbatim: converted)
        convertedKeyIDs[key] = id
        return id
    }

    // MARK: Writing

    /// The document as JSONEncoder writes it, with a final newline.
    func serialize() throws -> String {
        guard !leftToFoundation else { throw UnsupportedByJSONWriter() }
        // Every key sorted once; each object then orders its members by the rank of their key.
        let order = keys.indices.sorted { keys[$0].raw.lexicographicallyPrecedes(keys[$1].raw) }
        var rank = [Int32](repeating: 0, count: keys.count)
        for (position, id) in order.enumerated() { rank[id] = Int32(position) }
        var output = Output(nodes: nodes, scalars: scalars, keys: keys.map(\.text), rank: rank)
        output.bytes.reserveCapacity(2 * scalars.count + 64 * 1024)
        try output.write(0, level: 0)
        output.bytes.append(0x0A)
        return String(decoding: output.bytes, as: UTF8.self)
    }

    private struct Output {
        let nodes: [Node]
        let scalars: [UInt8]
        let keys: [[UInt8]]
        let rank: [Int32]
        var bytes: [UInt8] = []
        /// The members of the objects being written, one list per level, reused.
        var members: [[Int32]] = []
        let spaces = [UInt8](repeating: 0x20, count: 2 * 512)

        mutating func write(_ node: Int32, level: Int) throws {
            let item = nodes[Int(node)]
            switch item.kind {
            case .scalar:
                bytes.append(contentsOf: scalars[Int(item.first)..<Int(item.last)])
                return
            case .unset:
                throw UnsupportedByJSONWriter() // encodes nothing: JSONEncoder decides
            case .array, .object:
                break
            }
            // JSONEncoder refuses the 512th level of nesting, with its own error.
            guard level < 500 else { throw UnsupportedByJSONWriter() }
            var children: [Int32] = []
            if members.count <= level { members.append([]) }
            swap(&children, &members[level]) // reuses the list of this level, without a copy
            children.removeAll(keepingCapacity: true)
            var child = item.first
            while child >= 0 {
                children.append(child)
                child = nodes[Int(child)].next
            }
            if item.kind == .object {
                let nodes = self.nodes, rank = self.rank
                children.sort { rank[Int(nodes[Int($0)].key)] < rank[Int(nodes[Int($1)].key)] }
                for index in children.indices.dropFirst()
                where nodes[Int(children[index])].key == nodes[Int(children[index - 1])].key {
                    throw UnsupportedByJSONWriter() // the same key twice
                }
            }
            bytes.append(item.kind == .array ? 0x5B : 0x7B)
            bytes.append(0x0A)
            for (index, member) in children.enumerated() {
                if index > 0 { bytes.append(contentsOf: [0x2C, 0x0A]) }
                bytes.append(contentsOf: spaces[0..<(2 * level + 2)])
                let key = nodes[Int(member)].key
                if key >= 0 { bytes.append(contentsOf: keys[Int(key)]) }
                try write(member, level: level + 1)
            }
            bytes.append(0x0A)
            bytes.append(contentsOf: spaces[0..<(2 * level)])
            bytes.append(item.kind == .array ? 0x5D : 0x7D)
            swap(&children, &members[level])
        }
    }
}

/// A [String: V] dictionary, which JSONEncoder writes with its keys as they are.
protocol StringKeyedDictionaryForJSON {
    func encodeEntries(into document: JSONDocument, object: Int32, encoder: JSONNodeEncoder) throws
}

extension Dictionary: StringKeyedDictionaryForJSON where Key == String, Value: Encodable {
    func encodeEntries(into document: JSONDocument, object: Int32, encoder: JSONNodeEncoder) throws {
        for (key, value) in self {
            let member = document.appendChild(to: object, key: document.keyID(verbatim: key))
            try JSONNodeEncoder(document: document, slot: member, parent: encoder, key: JSONIndexKey(stringValue: key))
                .encode(value)
        }
    }
}

/// The key of an array element ("Index 3") or of a dictionary entry, for coding paths.
struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}

// MARK: - Encoder and containers

/// The Encoder handed to a value's encode(to:): it writes into one node (`slot`), and is the
/// value's single value container too.
final class JSONNodeEncoder: Encoder, SingleValueEncodingContainer {
    let document: JSONDocument
    let slot: Int32
    let parent: JSONNodeEncoder?
    let key: (any CodingKey)?

    init(document: JSONDocument, slot: Int32, parent: JSONNodeEncoder?, key: (any CodingKey)?) {
        self.document = document
        self.slot = slot
        self.parent = parent
        self.key = key
    }

    var codingPath: [any CodingKey] {
        var path: [any CodingKey] = []
        var encoder: JSONNodeEncoder? = self
        while let current = encoder, let key = current.key {
            path.append(key)
            encoder = current.parent
        }
        return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Marks the document as one for JSONEncoder and returns a stand-in encoder, whose writes are
    /// thrown away: a fresh node outside the document's tree.
    func leftToFoundation() -> JSONNodeEncoder {
        document.leaveToFoundation()
        return JSONNodeEncoder(document: document, slot: document.newNode(key: -1), parent: self, key: nil)
    }

    /// Encodes `value` into `node`, a member or element of this encoder's container.
    func encode<T: Encodable>(_ value: T, into node: Int32, key: any CodingKey) throws {
        // The common scalars without an encoder of their own (the same JSON).
        if T.self == String.self { return try document.setString(node, value as! String) }
        if T.self == Double.self { return try document.setNumber(node, value as! Double) }
        if T.self == Int.self { return try document.setInteger(node, value as! Int) }
        if T.self == Bool.self { return try document.setBool(node, value as! Bool) }
        if T.self == String?.self {
            guard let string = value as! String? else { return try document.setNull(node) }
            return try document.setString(node, string)
        }
        if T.self == Double?.self {
            guard let number = value as! Double? else { return try document.setNull(node) }
            return try document.setNumber(node, number)
        }
        try JSONNodeEncoder(document: document, slot: node, parent: self, key: key).encode(value)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(JSONKeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer { JSONUnkeyedContainer(encoder: self) }

    func singleValueContainer() -> SingleValueEncodingContainer { self }

    // MARK: SingleValueEncodingContainer

    func encodeNil() throws { try document.setNull(slot) }
    func encode(_ value: Bool) throws { try document.setBool(slot, value) }
    func encode(_ value: String) throws { try document.setString(slot, value) }
    func encode(_ value: Double) throws { try document.setNumber(slot, value) }
    func encode(_ value: Float) throws { try document.setNumber(slot, value) }
    func encode(_ value: Int) throws { try document.setInteger(slot, value) }
    func encode(_ value: Int8) throws { try document.setInteger(slot, value) }
    func encode(_ value: Int16) throws { try document.setInteger(slot, value) }
    func encode(_ value: Int32) throws { try document.setInteger(slot, value) }
    func encode(_ value: Int64) throws { try document.setInteger(slot, value) }
    func encode(_ value: UInt) throws { try document.setInteger(slot, value) }
    func encode(_ value: UInt8) throws { try document.setInteger(slot, value) }
    func encode(_ value: UInt16) throws { try document.setInteger(slot, value) }
    func encode(_ value: UInt32) throws { try document.setInteger(slot, value) }
    func encode(_ value: UInt64) throws { try document.setInteger(slot, value) }

    func encode<T: Encodable>(_ value: T) throws {
        if T.self == String.self { return try document.setString(slot, value as! String) }
        if T.self == Double.self { return try document.setNumber(slot, value as! Double) }
        // JSONEncoder writes these types in its own way: leave them to it.
        if T.self == Data.self || T.self == URL.self || T.self == Decimal.self { throw UnsupportedByJSONWriter() }
        if let dictionary = value as? any StringKeyedDictionaryForJSON {
            try document.makeContainer(slot, .object)
            return try dictionary.encodeEntries(into: document, object: slot, encoder: self)
        }
        try value.encode(to: self)
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: JSONNodeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var document: JSONDocument { encoder.document }

    init(encoder: JSONNodeEncoder) {
        self.encoder = encoder
        // A container asked of an encoder that already holds something else: JSONEncoder decides.
        do { try encoder.document.makeContainer(encoder.slot, .object) } catch { encoder.document.leaveToFoundation() }
    }

    private func newMember(_ key: Key) throws -> Int32 {
        document.appendChild(to: encoder.slot, key: try document.keyID(converting: key.stringValue))
    }

    mutating func encodeNil(forKey key: Key) throws { try document.setNull(newMember(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try document.setBool(newMember(key), value) }
    mutating func encode(_ value: String, forKey key: Key) throws { try document.setString(newMember(key), value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try document.setNumber(newMember(key), value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try document.setNumber(newMember(key), value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try document.setInteger(newMember(key), value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encoder.encode(value, into: newMember(key), key: key)
    }

    // Nested containers and super encoders: left to JSONEncoder (the project's values use none).
    // What is written through the stand-ins returned here is thrown away.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.leftToFoundation()))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        JSONUnkeyedContainer(encoder: encoder.leftToFoundation())
    }
    mutating func superEncoder() -> Encoder { encoder.leftToFoundation() }
    mutating func superEncoder(forKey key: Key) -> Encoder { encoder.leftToFoundation() }
}

struct JSONUnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: JSONNodeEncoder
    private(set) var count = 0
    var codingPath: [any CodingKey] { encoder.codingPath }
    private var document: JSONDocument { encoder.document }

    init(encoder: JSONNodeEncoder) {
        self.encoder = encoder
        do { try encoder.document.makeContainer(encoder.slot, .array) } catch { encoder.document.leaveToFoundation() }
    }

    private mutating func newElement() throws -> Int32 {
        count += 1
        return document.appendChild(to: encoder.slot, key: -1)
    }

    mutating func encodeNil() throws { try document.setNull(newElement()) }
    mutating func encode(_ value: Bool) throws { try document.setBool(newElement(), value) }
    mutating func encode(_ value: String) throws { try document.setString(newElement(), value) }
    mutating func encode(_ value: Double) throws { try document.setNumber(newElement(), value) }
    mutating func encode(_ value: Float) throws { try document.setNumber(newElement(), value) }
    mutating func encode(_ value: Int) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: Int8) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: Int16) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: Int32) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: Int64) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt8) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt16) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt32) throws { try document.setInteger(newElement(), value) }
    mutating func encode(_ value: UInt64) throws { try document.setInteger(newElement(), value) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let key = JSONIndexKey(intValue: count)
        try encoder.encode(value, into: newElement(), key: key)
    }

    // Nested containers and super encoders: left to JSONEncoder (the project's values use none).
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(JSONKeyedContainer<NestedKey>(encoder: encoder.leftToFoundation()))
    }
    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        JSONUnkeyedContainer(encoder: encoder.leftToFoundation())
    }
    mutating func superEncoder() -> Encoder { encoder.leftToFoundation() }
}
