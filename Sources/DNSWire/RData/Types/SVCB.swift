/// SVCB and HTTPS record RDATA (RFC 9460 §2.2): a service endpoint, or an alias for one.
public struct SVCB: RDataView {
    public static let types: [RRType] = [.svcb, .https]
    /// 0 is AliasMode (RFC 9460 §2.4.2); anything else ServiceMode, lower preferred.
    public var priority: UInt16
    /// `.` means the owner name in ServiceMode, and "no such service" in AliasMode.
    public var target: DomainName
    /// SvcParams in wire order: keys strictly increasing, each value well formed for its key.
    public let parameters: [(key: UInt16, value: [UInt8])]

    /// Sorts `parameters` by key. Throws `WireError.Code.valueOutOfRange` if a key repeats, a
    /// value is over 65,535 octets, or a value is malformed for its key (RFC 9460 §7, §8).
    public init(priority: UInt16, target: DomainName, parameters: [(key: UInt16, value: [UInt8])]) throws {
        let sorted = parameters.sorted { $0.key < $1.key }
        for (index, parameter) in sorted.enumerated() {
            let name = SVCParameters.keyName(parameter.key)
            if index > 0, sorted[index - 1].key == parameter.key {
                throw WireError(.valueOutOfRange, at: 0, "SvcParamKey \(name) appears twice (RFC 9460 §2.2)")
            }
            try checkRDataLength(parameter.value, 0...65_535, "SvcParamValue of \(name)")
            let problem = parameter.value.withUnsafeBytes { SVCParameters.problem(key: parameter.key, value: $0) }
            if let problem { throw WireError(.valueOutOfRange, at: 0, "\(name): \(problem)") }
        }
        if let problem = SVCB.mandatoryProblem(sorted) {
            throw WireError(.valueOutOfRange, at: 0, problem)
        }
        self.init(priority: priority, target: target, checkedParameters: sorted)
    }

    private init(priority: UInt16, target: DomainName, checkedParameters: [(key: UInt16, value: [UInt8])]) {
        self.priority = priority
        self.target = target
        self.parameters = checkedParameters
    }

    public init(rdata: [UInt8]) throws {
        self = try RDataDecoder.decode(rdata, "SVCB") { decoder in
            let priority = try decoder.uint16("SvcPriority")
            let target = try decoder.name("TargetName")
            let parametersOffset = decoder.offset
            // One set of rules for keys and values: the descriptor walk's (RFC 9460 §2.2).
            var check = decoder.reader
            try SVCParameters.validate(&check)
            var parameters: [(key: UInt16, value: [UInt8])] = []
            while !decoder.isAtEnd {
                let key = try decoder.uint16("SvcParamKey")
                parameters.append((key, try decoder.data16("SvcParamValue")))
            }
            if let problem = SVCB.mandatoryProblem(parameters) {
                throw WireError(.badRDATA, at: parametersOffset, problem)
            }
            return SVCB(priority: priority, target: target, checkedParameters: parameters)
        }
    }

    /// RFC 9460 §8: the `mandatory` keys are strictly increasing, do not include `mandatory`
    /// itself, and are all present.
    static func mandatoryProblem(_ parameters: [(key: UInt16, value: [UInt8])]) -> String? {
        guard let list = parameters.first(where: { $0.key == 0 })?.value else { return nil }
        var previous = -1
        for index in stride(from: 0, to: list.count - 1, by: 2) {
            let key = UInt16(list[index]) << 8 | UInt16(list[index + 1])
            guard Int(key) > previous else {
                return "mandatory lists \(SVCParameters.keyName(key)) out of order or twice (RFC 9460 §8)"
            }
            previous = Int(key)
            guard key != 0 else { return "mandatory lists itself (RFC 9460 §8)" }
            guard parameters.contains(where: { $0.key == key }) else {
                return "mandatory lists \(SVCParameters.keyName(key)), which is absent (RFC 9460 §8)"
            }
        }
        return nil
    }

    /// True in AliasMode (priority 0), where SvcParams are to be ignored (RFC 9460 §2.4.2).
    public var isAliasMode: Bool { priority == 0 }

    public func rdata() -> [UInt8] {
        var encoder = RDataEncoder()
        encoder.uint16(priority)
        encoder.name(target)
        for parameter in parameters {
            encoder.uint16(parameter.key)
            encoder.data16(parameter.value)
        }
        return encoder.output
    }

    public static func == (lhs: SVCB, rhs: SVCB) -> Bool {
        lhs.priority == rhs.priority && lhs.target == rhs.target
            && lhs.parameters.elementsEqual(rhs.parameters) { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(priority)
        hasher.combine(target)
        for parameter in parameters {
            hasher.combine(parameter.key)
            hasher.combine(parameter.value)
        }
    }
}
