/// The words of the 决算 forms, as data: the rules that use them are in FinalForms.swift and
/// ExecutionNarrative.swift. (A Swift table rather than a resource file: the fuzz target builds this
/// module with swiftc alone, without SwiftPM's resource bundle.)
enum FinalFormsWords {
    /// Words before a figure that make it the budget (预算数) of the subject; longest first.
    static let budget = ["年初预算数为", "年初预算为", "年初预算数", "全年预算数为", "全年预算为", "调整预算数为", "调整预算为",
                         "年初预算", "全年预算数", "全年预算", "预算数为", "预算为"]
    /// Words before a figure that make it the final (决算数) of the subject; longest first.
    static let final = ["支出决算数为", "支出决算为", "决算数为", "决算为", "决算数", "实际支出为", "执行数为"]
    /// Words of a note that explains an empty table (“…无政府性基金预算财政拨款收入支出，故本表无数据”).
    static let emptyNote = ["空表", "无数据", "没有数据", "本表无", "此表无", "故本表", "故此表", "不涉及"]
}
