import Foundation

/// The whole matrix as JSON: headings, environment, every cell with every run's raw standard output and
/// standard error, so a verdict can always be traced back to what the client printed.
///
/// Pretty-printed with sorted keys, so two runs diff line by line.
public enum JSONReport {
    public static func data(_ matrix: Matrix) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // A duration that is not a number must not make the whole report fail to encode.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: "-" + infinity, nan: notANumber)
        var data = try encoder.encode(matrix)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Reads a report `data(_:)` wrote.
    public static func matrix(from data: Data) throws -> Matrix {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: "-" + infinity, nan: notANumber)
        return try decoder.decode(Matrix.self, from: data)
    }

    private static let infinity = "Infinity"
    private static let notANumber = "NaN"
}
