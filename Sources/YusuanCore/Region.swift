import Foundation

/// Canonical regions of the facts contract: a district or county by its short official name,
/// a development zone by its full name. Recognised from text, never from a file name.
public enum Region {
    /// Chongqing's districts and counties (short official names).
    public static let districts: [String] = [
        "万州区", "涪陵区", "渝中区", "大渡口区", "江北区", "沙坪坝区", "九龙坡区", "南岸区", "北碚区",
        "綦江区", "大足区", "渝北区", "巴南区", "黔江区", "长寿区", "江津区", "合川区", "永川区",
        "南川区", "璧山区", "铜梁区", "潼南区", "荣昌区", "开州区", "梁平区", "武隆区",
        "城口县", "丰都县", "垫江县", "忠县", "云阳县", "奉节县", "巫山县", "巫溪县",
        "石柱土家族自治县", "秀山土家族苗族自治县", "酉阳土家族苗族自治县", "彭水苗族土家族自治县",
    ]
    /// Development zones and new areas (full names).
    public static let zones: [String] = [
        "重庆经济技术开发区", "万盛经济技术开发区", "重庆高新技术产业开发区", "两江新区",
        "西部科学城重庆高新区",
    ]
    /// Other spellings found in documents, mapped to the canonical name. Longest first wins.
    static let aliases: [(String, String)] = [
        ("重庆经开区", "重庆经济技术开发区"), ("经开区管委会", "重庆经济技术开发区"),
        ("万盛经开区", "万盛经济技术开发区"), ("万盛区", "万盛经济技术开发区"),
        ("重庆高新区", "重庆高新技术产业开发区"), ("西部科学城重庆高新区", "重庆高新技术产业开发区"),
        ("潼南县", "潼南区"), ("綦江县", "綦江区"), ("大足县", "大足区"), ("璧山县", "璧山区"),
        ("铜梁县", "铜梁区"), ("荣昌县", "荣昌区"), ("梁平县", "梁平区"), ("武隆县", "武隆区"),
        ("开县", "开州区"), ("石柱县", "石柱土家族自治县"), ("秀山县", "秀山土家族苗族自治县"),
        ("酉阳县", "酉阳土家族苗族自治县"), ("彭水县", "彭水苗族土家族自治县"),
    ]

    /// Every name that identifies a region, longest first, with its canonical form.
    public static let patterns: [(String, String)] = {
        var all: [(String, String)] = zones.filter { $0 != "西部科学城重庆高新区" }.map { ($0, $0) }
        all += aliases
        all += districts.map { ($0, $0) }
        // 区县 names without 区/县 appear after 重庆市 ("重庆市潼南经济和信息化委员会").
        all += districts.filter { $0.count == 3 }.map { ("重庆市" + String($0.dropLast()), $0) }
        return all.sorted { $0.0.count > $1.0.count }
    }()

    /// The canonical region named in `text`, preferring the earliest mention, then the longest name.
    public static func find(in text: String) -> String? {
        var best: (offset: Int, len: Int, name: String)?
        for (pattern, canonical) in patterns {
            guard let r = text.range(of: pattern) else { continue }
            let off = text.distance(from: text.startIndex, to: r.lowerBound)
            if best == nil || off < best!.offset || (off == best!.offset && pattern.count > best!.len) {
                best = (off, pattern.count, canonical)
            }
        }
        return best?.name
    }
}
