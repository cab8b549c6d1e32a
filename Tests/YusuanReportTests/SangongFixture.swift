import Foundation
import YusuanCore
import YusuanIngest
import YusuanStore

/// Sixteen 部门预算 re-homed from two samples at test time: the entity's district replaced by
/// another district's (重庆市渝北区 → 北京市海淀区, …) and the 三公 figures of each year scaled by
/// a factor of its own, so districts differ and some go up while others go down.
enum SangongFixture {
    /// (province, district stem) of the 经济和信息化委员会 copies (from the 潼南 sample).
    static let jingxinwei = [("重庆市", "江北"), ("重庆市", "沙坪坝"), ("重庆市", "九龙坡"), ("重庆市", "南岸"),
                             ("北京市", "朝阳"), ("上海市", "普陀"), ("重庆市", "北碚"), ("重庆市", "巴南")]
    /// … and of the 临空都市开发建设管理办公室 copies (from the 渝北 sample).
    static let linkong = [("重庆市", "长寿"), ("重庆市", "江津"), ("重庆市", "合川"), ("重庆市", "永川"),
                          ("北京市", "海淀"), ("上海市", "浦东新"), ("重庆市", "璧山"), ("重庆市", "大渡口")]

    /// Factors (in quarters) of the 2024 and the 2023 figures of document `i`.
    static func factors(_ i: Int) -> (y2024: Int64, y2023: Int64) { (Int64(i % 5 + 2), Int64((i * 3) % 7 + 2)) }

    /// Ingests all sixteen into a new store in `dir`; returns the store.
    static func store(in dir: URL, samples: URL) throws -> FactStore {
        let store = try FactStore(path: dir.appendingPathComponent("sangong.sqlite").path)
        let tongnan = try String(contentsOf: samples.appendingPathComponent("tongnan-2024-jingxinwei.txt"), encoding: .utf8)
        let yubei = try String(contentsOf: samples.appendingPathComponent("yubei-2024-linkong.txt"), encoding: .utf8)
        for (i, (p, s)) in jingxinwei.enumerated() {
            let text = rehome(tongnan, stem: "潼南", to: p, s, unit: .wanyuan, factors: factors(i), prior: true)
            _ = try store.ingest(DocumentReader().read(data: Data(text.utf8), name: String(format: "jxw-%02d.txt", i)))
        }
        for (i, (p, s)) in linkong.enumerated() {
            let text = rehome(yubei, stem: "渝北", to: p, s, unit: .yuan, factors: factors(i + 8), prior: false)
            _ = try store.ingest(DocumentReader().read(data: Data(text.utf8), name: String(format: "lk-%02d.txt", i)))
        }
        return store
    }

    /// The text with 重庆市 → `province` and `stem` → `newStem`, the 三公 narrative dropped and the
    /// 三公 table's figures scaled (`prior`: the 2023 columns come first).
    static func rehome(_ text: String, stem: String, to province: String, _ newStem: String, unit: MoneyUnit,
                       factors: (y2024: Int64, y2023: Int64), prior: Bool) -> String {
        var lines = text.components(separatedBy: "\n")
        for (n, line) in lines.enumerated() {
            if line.contains("三公"), line.contains("经费预算"), line.contains("减少") || line.contains("增加") {
                lines[n] = ""; continue
            }
            var cells = line.components(separatedBy: "\t")
            // The 三公 data rows: six figures per year after the label (潼南), or twelve from the start (渝北).
            let start: Int
            if let k = cells.firstIndex(where: { $0 == "合计" || $0 == "区经济信息委" }), cells.count >= k + 13,
               Money.parse(plain: Substring(cells[k + 1]), unit: unit).isSuccess { start = k + 1 }
            else if !prior, cells.count >= 12, cells[0] == "60,000.00" { start = 0 }
            else { continue }
            for j in 0..<12 where !cells[start + j].isEmpty {
                let plain = cells[start + j].replacingOccurrences(of: ",", with: "")
                guard case .success(let m) = Money.parse(plain: Substring(plain), unit: unit) else { continue }
                let first = prior ? factors.y2023 : factors.y2024, second = prior ? factors.y2024 : factors.y2023
                let scaled = Money(fen: m.fen * (j < 6 ? first : second) / 4)
                cells[start + j] = scaled.decimalString(in: unit, places: unit == .yuan ? 2 : 4, grouping: unit == .yuan)
            }
            lines[n] = cells.joined(separator: "\t")
        }
        return lines.joined(separator: "\n")
            .replacingOccurrences(of: "重庆市", with: province)
            .replacingOccurrences(of: stem, with: newStem)
    }
}

private extension Result {
    var isSuccess: Bool { if case .success = self { true } else { false } }
}
