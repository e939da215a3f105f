import DNSCapture
import DNSWire

/// Where a message came from, for the output.
enum MessageOrigin {
    case file(String)
    case line(file: String, Int)
    case captured(file: String, CapturedMessage)

    var jsonMembers: [(String, JSONValue)] {
        switch self {
        case .file(let path):
            return [("file", .string(path))]
        case .line(let path, let number):
            return [("file", .string(path)), ("line", .integer(number))]
        case .captured(let path, let message):
            return [("file", .string(path)), ("frame", .integer(message.frameNumber)),
                    ("transport", .string(message.transport == .udp ? "udp" : "tcp")),
                    ("source", .string("\(message.sourceAddress)#\(message.sourcePort)")),
                    ("destination", .string("\(message.destinationAddress)#\(message.destinationPort)"))]
        }
    }

    var comment: String {
        switch self {
        case .file(let path): return ";; \(path)"
        case .line(let path, let number): return ";; \(path):\(number)"
        case .captured(let path, let message):
            return ";; \(path) frame \(message.frameNumber) \(message.transport == .udp ? "UDP" : "TCP") "
                + "\(message.sourceAddress)#\(message.sourcePort) -> \(message.destinationAddress)#\(message.destinationPort)"
        }
    }
}

/// Prints each decoded message, dig-style or as one JSON object per line, and counts failures.
struct DecodeOutput {
    let json: Bool
    let messageDirectory: String?
    private(set) var failures = 0
    private var count = 0

    init(json: Bool, messageDirectory: String?) {
        self.json = json
        self.messageDirectory = messageDirectory
    }

    mutating func emit(_ bytes: [UInt8], origin: MessageOrigin) {
        count += 1
        if let messageDirectory {
            let number = String(count)
            FileOutput.write(bytes, to: "\(messageDirectory)/\(String(repeating: "0", count: max(0, 6 - number.count)))\(number).bin")
        }
        do {
            let message = try Message(wire: bytes)
            if json {
                print(JSONValue.object(origin.jsonMembers + MessageJSON.members(of: message)).text)
            } else {
                if count > 1 { print("") }
                print(origin.comment)
                print(message.presentation)
            }
        } catch let error as WireError {
            failures += 1
            if json {
                print(JSONValue.object(origin.jsonMembers + [("error", .string(error.description)),
                                                             ("code", .string(error.code.rawValue)),
                                                             ("offset", .integer(error.offset))]).text)
            } else {
                if count > 1 { print("") }
                print(origin.comment)
                print(";; ERROR: \(error)")
            }
        } catch {
            failures += 1
            print(json ? JSONValue.object(origin.jsonMembers + [("error", .string("\(error)"))]).text : ";; ERROR: \(error)")
        }
    }

    mutating func emitUnreadable(origin: MessageOrigin, reason: String) {
        count += 1
        failures += 1
        if json {
            print(JSONValue.object(origin.jsonMembers + [("error", .string(reason)), ("offset", .integer(0))]).text)
        } else {
            print(origin.comment)
            print(";; ERROR: \(reason)")
        }
    }
}

/// The JSON form of a message: header fields, then per section `{name, type, class, ttl, rdata}`.
enum MessageJSON {
    static func members(of message: Message) -> [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("id", .integer(Int(message.header.id))),
            ("opcode", .string(message.header.opcode.description)),
            ("rcode", .string(message.rcode.description)),
            ("flags", .array(message.flagNames.map { .string($0) })),
            ("question", .array(message.questions.map { question in
                .object([("name", .string(question.name.description)), ("type", .string(question.type.description)),
                         ("class", .string(question.class.description))])
            })),
        ]
        for (key, section) in [("answer", Section.answer), ("authority", .authority), ("additional", .additional)] {
            members.append((key, .array(message.records(in: section).filter { $0.type != .opt }.map(record))))
        }
        if let edns = message.edns {
            members.append(("edns", .object([
                ("version", .integer(Int(edns.version))), ("udp", .integer(Int(edns.udpPayloadSize))),
                ("do", .bool(edns.dnssecOK)),
                ("options", .array(edns.options.map { option in
                    .object([("code", .integer(Int(option.code.rawValue))), ("name", .string(option.code.description)),
                             ("value", .string(option.presentation))])
                })),
            ])))
        }
        return members
    }

    static func record(_ record: ResourceRecord) -> JSONValue {
        .object([("name", .string(record.name.description)), ("type", .string(record.type.description)),
                 ("class", .string(record.class.description)), ("ttl", .integer(Int(record.ttl))),
                 ("rdata", .string(record.rdataPresentation))])
    }
}
