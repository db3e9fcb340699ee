/// The 全銀協 総合振込 (bulk transfer) record layouts, 120 bytes each (docs/domain.md §3).
enum ZenginLayout {
    /// ヘッダー・レコード (データ区分 1): positions 1, 2–3, 4, 5–14, 15–54, 55–58, 59–62, 63–77, 78–80, 81–95, 96, 97–103, 104–120.
    static let header = FixedWidthLayout(name: "header", fields: [
        .init("データ区分", 1, .numeric, constant: "1"), .init("種別コード", 2, .numeric), .init("コード区分", 1, .numeric),
        .init("振込依頼人コード", 10, .numeric), .init("振込依頼人名", 40, .text), .init("振込指定日", 4, .numeric),
        .init("仕向金融機関番号", 4, .numeric), .init("仕向金融機関名", 15, .text), .init("仕向支店番号", 3, .numeric),
        .init("仕向支店名", 15, .text), .init("預金種目", 1, .numeric), .init("口座番号", 7, .numeric), .init("ダミー", 17, .text),
    ])

    /// データ・レコード (データ区分 2). 顧客コード1・2 (or EDI情報 when 識別表示 is `Y`) are text here,
    /// blank when unused; some banks want zeros, see `ZenginOptions.zeroUnusedCustomerCodes`.
    static let data = FixedWidthLayout(name: "data", fields: [
        .init("データ区分", 1, .numeric, constant: "2"), .init("被仕向金融機関番号", 4, .numeric), .init("被仕向金融機関名", 15, .text),
        .init("被仕向支店番号", 3, .numeric), .init("被仕向支店名", 15, .text), .init("手形交換所番号", 4, .numeric),
        .init("預金種目", 1, .numeric), .init("口座番号", 7, .numeric), .init("受取人名", 30, .text), .init("振込金額", 10, .numeric),
        .init("新規コード", 1, .numeric), .init("顧客コード1", 10, .text), .init("顧客コード2", 10, .text),
        .init("振込指定区分", 1, .numeric), .init("識別表示", 1, .text), .init("ダミー", 7, .text),
    ])

    /// トレーラー・レコード (データ区分 8): 合計件数 and 合計金額.
    static let trailer = FixedWidthLayout(name: "trailer", fields: [
        .init("データ区分", 1, .numeric, constant: "8"), .init("合計件数", 6, .numeric), .init("合計金額", 12, .numeric),
        .init("ダミー", 101, .text),
    ])

    /// エンド・レコード (データ区分 9).
    static let end = FixedWidthLayout(name: "end", fields: [
        .init("データ区分", 1, .numeric, constant: "9"), .init("ダミー", 119, .text),
    ])
}
