import Foundation
import YusuanCore
import Yams

/// The user's `yusuan.yaml`: what no rule can know.
///
/// ```yaml
/// # Entities: one entry per entity whose name or region the rules cannot settle.
/// entities:
///   - name: 重庆市潼南区经济和信息化委员会   # the canonical name shown in every output
///     region: 潼南区                       # optional: the canonical region (overrides documents)
///     aliases:                            # optional: other names of the same entity, e.g. before
///       - 重庆市潼南区工业和信息化委员会     #   a 机构改革; matched after width/space folding
///
/// # Peer groups: comparable entities of different regions, shown side by side.
/// groups:
///   经济和信息化:
///     - 重庆市潼南区经济和信息化委员会
///     - 重庆市万盛经济技术开发区经济和信息化局
///
/// # Regions the documents come from: settle a short name several divisions share (普陀区 is in
/// # 上海 and in 舟山) when the text names no province or city. A name, full name or code.
/// regions: [上海市普陀区]
///
/// # Pairs of names that must never be merged by the typo rule.
/// keep_apart:
///   - [重庆市某区第一人民医院, 重庆市某区第二人民医院]
/// ```
///
/// Every key is optional; an empty file is a valid configuration.
public struct AnalysisConfig: Codable, Hashable, Sendable {
    public struct EntityEntry: Codable, Hashable, Sendable {
        public var name: String
        public var region: String?
        public var aliases: [String]?
        public init(name: String, region: String? = nil, aliases: [String]? = nil) {
            self.name = name; self.region = region; self.aliases = aliases
        }
    }

    public var entities: [EntityEntry]?
    public var groups: [String: [String]]?
    public var keepApart: [[String]]?
    public var regions: [String]?

    enum CodingKeys: String, CodingKey {
        case entities, groups, regions
        case keepApart = "keep_apart"
    }

    public init(entities: [EntityEntry] = [], groups: [String: [String]] = [:], keepApart: [[String]] = []) {
        self.entities = entities; self.groups = groups; self.keepApart = keepApart
    }

    public static let empty = AnalysisConfig()

    public enum LoadError: Error, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case invalid(path: String, reason: String)
        public var description: String {
            switch self {
            case let .unreadable(path, reason): L("yaml.unreadable", ["path": path, "reason": reason])
            case let .invalid(path, reason): L("yaml.invalid", ["path": path, "reason": reason])
            }
        }
    }

    /// Parses YAML text. `source` names the file in error messages.
    public static func parse(_ yaml: String, source: String = "yusuan.yaml") throws -> AnalysisConfig {
        if yaml.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .empty }
        do {
            let cfg = try YAMLDecoder().decode(AnalysisConfig.self, from: yaml)
            for pair in cfg.keepApart ?? [] where pair.count != 2 {
                throw LoadError.invalid(path: source, reason: L("yaml.pair", ["pair": pair.joined(separator: "、")]))
            }
            return cfg
        } catch let e as LoadError {
            throw e
        } catch let DecodingError.typeMismatch(type, c) {
            throw LoadError.invalid(path: source, reason: L("yaml.type", ["key": Self.keyPath(c), "type": Self.typeName(type)]))
        } catch let DecodingError.keyNotFound(key, c) {
            throw LoadError.invalid(path: source, reason: L("yaml.missing", ["key": Self.keyPath(c) + (c.codingPath.isEmpty ? "" : ".") + key.stringValue]))
        } catch let DecodingError.dataCorrupted(c) {
            throw LoadError.invalid(path: source, reason: L("yaml.syntax", ["key": Self.keyPath(c), "detail": c.debugDescription]))
        } catch {
            throw LoadError.invalid(path: source, reason: String(describing: error))
        }
    }

    /// Where in the file a decoding error is: `entities[2].region`.
    static func keyPath(_ c: DecodingError.Context) -> String {
        let path = c.codingPath.map { k in k.intValue.map { "[\($0)]" } ?? "." + k.stringValue }.joined()
        return path.hasPrefix(".") ? String(path.dropFirst()) : (path.isEmpty ? "-" : path)
    }

    /// What a key should hold, in words a user knows.
    static func typeName(_ type: Any.Type) -> String {
        let t = String(describing: type)
        if t.hasPrefix("Array") || t.hasPrefix("Sequence") || t.hasPrefix("[") { return L("yaml.list") }
        if t.hasPrefix("Dictionary") { return L("yaml.map") }
        return L("yaml.text")
    }

    public static func load(path: String) throws -> AnalysisConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw LoadError.unreadable(path: path, reason: FileErrorText.reason(error, path: path))
        }
        return try parse(text, source: path)
    }

    /// `explicit` when given, else `./yusuan.yaml` when present, else the empty configuration.
    public static func loadDefault(explicit: String?) throws -> AnalysisConfig {
        if let explicit { return try load(path: explicit) }
        let path = FileManager.default.currentDirectoryPath + "/yusuan.yaml"
        return FileManager.default.fileExists(atPath: path) ? try load(path: path) : .empty
    }
}
