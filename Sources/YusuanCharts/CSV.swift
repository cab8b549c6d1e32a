import Foundation
import YusuanCore

/// Why a CSV file could not be read, with the file and line it happened on.
public struct CSVError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var file: String?
    public var line: Int?
    public var message: String
    public init(file: String? = nil, line: Int? = nil, message: String) {
        self.file = file; self.line = line; self.message = message
    }
    public var description: String {
        var where_ = file ?? "CSV"
        if let line { where_ += ":\(line)" }
        return "\(where_): \(message)"
    }
    public var errorDescription: String? { description }
}

/// A CSV table read per RFC 4180 (quoted fields with commas, doubled quotes and line breaks;
/// CRLF or LF), UTF-8 with or without a byte-order mark. The first record is the header.
public struct CSVTable: Equatable, Sendable {
    public var header: [String]
    public var rows: [[String]]
    /// The 1-based line each row starts on, for error messages.
    public var rowLines: [Int]
    /// Shown in error messages.
    public var file: String?

    /// Parses CSV text. Blank lines are skipped; every row must have the header's field count.
    public init(text: String, file: String? = nil) throws {
        self.file = file
        var records: [([String], Int)] = []
        var field = "", record: [String] = []
        var inQuotes = false, afterQuote = false
        var line = 1, recordLine = 1
        var scalars = text.unicodeScalars[...]
        if scalars.first == "\u{FEFF}" { scalars = scalars.dropFirst() }
        func endRecord() {
            record.append(field); field = ""
            if !(record.count == 1 && record[0].isEmpty) { records.append((record, recordLine)) }
            record = []
        }
        var it = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    let next = it.next()
                    if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\r", "\n":
                if c == "\r" { let next = it.next(); if next != "\n" { pending = next } }
                endRecord(); afterQuote = false
                line += 1; recordLine = line
            case "\"":
                guard field.isEmpty, !afterQuote else {
                    throw CSVError(file: file, line: line, message: L("csv.quote"))
                }
                inQuotes = true
            default:
                if afterQuote {
                    throw CSVError(file: file, line: line, message: L("csv.afterquote"))
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw CSVError(file: file, line: recordLine, message: L("csv.unclosed")) }
        if !field.isEmpty || !record.isEmpty { endRecord() }
        guard let first = records.first else { throw CSVError(file: file, message: L("csv.empty")) }
        header = first.0.map { $0.trimmingCharacters(in: .whitespaces) }
        rows = []; rowLines = []
        for (r, l) in records.dropFirst() {
            guard r.count == header.count else {
                throw CSVError(file: file, line: l, message: L("csv.fields", ["count": String(r.count), "header": String(header.count)]))
            }
            rows.append(r); rowLines.append(l)
        }
    }

    /// Reads a UTF-8 file (a leading BOM is ignored).
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CSVError(file: url.path, message: L("csv.cannotread", ["reason": FileErrorText.reason(error, path: url.path)]))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVError(file: url.path, message: L("csv.notutf8"))
        }
        try self.init(text: text, file: url.path)
    }

    /// The index of the column named `name` (exact match after trimming spaces).
    public func column(_ name: String) throws -> Int {
        guard let i = header.firstIndex(of: name.trimmingCharacters(in: .whitespaces)) else {
            throw CSVError(file: file, line: 1, message: L("csv.nocolumn", ["name": name, "columns": header.joined(separator: "、")]))
        }
        return i
    }

    /// Label column and one or more value columns, ready for a `BarChartSpec`: one series per
    /// value column, named by its header. Values may carry thousands separators, spaces, full-width
    /// digits or a trailing %; an empty or non-numeric cell is an error naming its line and column.
    public func labelsAndSeries(label: String, values: [String]) throws -> (labels: [String], series: [BarSeries]) {
        guard !values.isEmpty else { throw CSVError(file: file, message: L("csv.novalue")) }
        let li = try column(label)
        let vis = try values.map { try column($0) }
        guard !rows.isEmpty else { throw CSVError(file: file, message: L("csv.norows")) }
        let labels = rows.map { $0[li].trimmingCharacters(in: .whitespaces) }
        var series: [BarSeries] = []
        for (k, vi) in vis.enumerated() {
            var vs: [Double] = []
            for (r, row) in rows.enumerated() {
                guard let v = CSVTable.number(row[vi]) else {
                    throw CSVError(file: file, line: rowLines[r],
                                   message: L("csv.notnumber", ["column": values[k], "value": row[vi]]))
                }
                vs.append(v)
            }
            series.append(BarSeries(name: header[vi], values: vs))
        }
        return (labels, series)
    }

    /// `"118,708.76"`, `" 12 "`, `"１２．５"`, `"-3.5%"` → a Double; nil for anything else.
    public static func number(_ s: String) -> Double? {
        var out = ""
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0E: out.append(".")
            case 0xFF0D, 0x2212: out.append("-")
            case 0xFF0C, 0x2C, 0x20, 0xA0, 0x3000, 0x09: continue   // separators and spaces
            default: out.unicodeScalars.append(u)
            }
        }
        if out.hasSuffix("%") || out.hasSuffix("％") { out.removeLast() }
        guard !out.isEmpty, out.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
              let v = Double(out), v.isFinite else { return nil }
        return v
    }
}
