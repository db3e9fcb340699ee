/// The abbreviations of a 全銀 受取人名: the kind of a legal person (法人略語) and of an office
/// (営業所略語), written `ｶ)ﾐﾄﾞﾘ` before the name, `ﾐﾄﾞﾘ(ｶ` after it and `ﾐﾄﾞﾘ(ｶ)ﾁﾊﾞ` inside it, with
/// no space around the mark.
///
/// Sources (the banks publish the 全銀協 table as an appendix of their transfer rules):
/// - 京葉銀行, 「受取人名等の入力について」 1.法人略語, 2.営業所略語, with the placement examples
///   (https://www.keiyobank.co.jp/alpha_dbank/internet/typing.html);
/// - a bank's 振込規定 別表（第5条関係） 1 法人略語, 2 営業所略語 (https://expydoc.com/doc/7181036/),
///   which adds 医療法人社団・医療法人財団・社会医療法人, 一般・公益社団法人, 一般・公益財団法人,
///   地方独立行政法人, 公立大学法人, 社会保険労務士法人 and 管理組合法人;
/// - 常陽銀行, 「受取人名入力に関するご注意点」 (https://www.joyobank.co.jp/j_help/1901/attention.html):
///   `○×(カ)△□(エイ` for 株式会社 and 営業所 in one name.
/// The 事業略語 of the same appendix (連合会 ﾚﾝ, 協同組合 ｷﾖｳｸﾐ, …) are optional and not applied.
enum ZenginAbbreviations {
    /// A kind of person or office: how it is written in kanji, read in katakana (every reading a
    /// master may hold), and its abbreviation.
    struct Entry: Sendable {
        let term: String
        let readings: [String]
        let abbreviation: String
    }

    /// 法人略語.
    static let legalPersons: [Entry] = [
        Entry(term: "株式会社", readings: ["カブシキガイシャ", "カブシキカイシャ"], abbreviation: "ｶ"),
        Entry(term: "有限会社", readings: ["ユウゲンガイシャ", "ユウゲンカイシャ"], abbreviation: "ﾕ"),
        Entry(term: "合名会社", readings: ["ゴウメイガイシャ", "ゴウメイカイシャ"], abbreviation: "ﾒ"),
        Entry(term: "合資会社", readings: ["ゴウシガイシャ", "ゴウシカイシャ"], abbreviation: "ｼ"),
        Entry(term: "合同会社", readings: ["ゴウドウガイシャ", "ゴウドウカイシャ"], abbreviation: "ﾄﾞ"),
        Entry(term: "医療法人", readings: ["イリョウホウジン"], abbreviation: "ｲ"),
        Entry(term: "医療法人社団", readings: ["イリョウホウジンシャダン"], abbreviation: "ｲ"),
        Entry(term: "医療法人財団", readings: ["イリョウホウジンザイダン"], abbreviation: "ｲ"),
        Entry(term: "社会医療法人", readings: ["シャカイイリョウホウジン"], abbreviation: "ｲ"),
        Entry(term: "財団法人", readings: ["ザイダンホウジン"], abbreviation: "ｻﾞｲ"),
        Entry(term: "一般財団法人", readings: ["イッパンザイダンホウジン"], abbreviation: "ｻﾞｲ"),
        Entry(term: "公益財団法人", readings: ["コウエキザイダンホウジン"], abbreviation: "ｻﾞｲ"),
        Entry(term: "社団法人", readings: ["シャダンホウジン"], abbreviation: "ｼﾔ"),
        Entry(term: "一般社団法人", readings: ["イッパンシャダンホウジン"], abbreviation: "ｼﾔ"),
        Entry(term: "公益社団法人", readings: ["コウエキシャダンホウジン"], abbreviation: "ｼﾔ"),
        Entry(term: "宗教法人", readings: ["シュウキョウホウジン"], abbreviation: "ｼﾕｳ"),
        Entry(term: "学校法人", readings: ["ガッコウホウジン"], abbreviation: "ｶﾞｸ"),
        Entry(term: "社会福祉法人", readings: ["シャカイフクシホウジン"], abbreviation: "ﾌｸ"),
        Entry(term: "相互会社", readings: ["ソウゴガイシャ", "ソウゴカイシャ"], abbreviation: "ｿ"),
        Entry(term: "更生保護法人", readings: ["コウセイホゴホウジン"], abbreviation: "ﾎｺﾞ"),
        Entry(term: "特定非営利活動法人", readings: ["トクテイヒエイリカツドウホウジン"], abbreviation: "ﾄｸﾋ"),
        Entry(term: "独立行政法人", readings: ["ドクリツギョウセイホウジン"], abbreviation: "ﾄﾞｸ"),
        Entry(term: "地方独立行政法人", readings: ["チホウドクリツギョウセイホウジン"], abbreviation: "ﾁﾄﾞｸ"),
        Entry(term: "弁護士法人", readings: ["ベンゴシホウジン"], abbreviation: "ﾍﾞﾝ"),
        Entry(term: "有限責任中間法人", readings: ["ユウゲンセキニンチュウカンホウジン"], abbreviation: "ﾁﾕｳ"),
        Entry(term: "無限責任中間法人", readings: ["ムゲンセキニンチュウカンホウジン"], abbreviation: "ﾁﾕｳ"),
        Entry(term: "行政書士法人", readings: ["ギョウセイショシホウジン"], abbreviation: "ｷﾞﾖ"),
        Entry(term: "司法書士法人", readings: ["シホウショシホウジン"], abbreviation: "ｼﾎｳ"),
        Entry(term: "税理士法人", readings: ["ゼイリシホウジン"], abbreviation: "ｾﾞｲ"),
        Entry(term: "国立大学法人", readings: ["コクリツダイガクホウジン"], abbreviation: "ﾀﾞｲ"),
        Entry(term: "公立大学法人", readings: ["コウリツダイガクホウジン"], abbreviation: "ﾀﾞｲ"),
        Entry(term: "農事組合法人", readings: ["ノウジクミアイホウジン"], abbreviation: "ﾉｳ"),
        Entry(term: "社会保険労務士法人", readings: ["シャカイホケンロウムシホウジン"], abbreviation: "ﾛｳﾑ"),
        Entry(term: "管理組合法人", readings: ["カンリクミアイホウジン"], abbreviation: "ｶﾝﾘ"),
    ]

    /// 営業所略語.
    static let offices: [Entry] = [
        Entry(term: "営業所", readings: ["エイギョウショ", "エイギョウジョ"], abbreviation: "ｴｲ"),
        Entry(term: "出張所", readings: ["シュッチョウショ", "シュッチョウジョ"], abbreviation: "ｼﾕﾂ"),
    ]

    /// Every entry.
    static let all = legalPersons + offices
}
