import JimuSpec

/// The report as one self-contained HTML page (no network, inline SVG charts), Japanese labels,
/// printable on A4.
struct HTMLReportFormatter: ReportFormatter {
    static let identifier = "html"

    func format(_ report: SavingsReport, encoding: TextEncoding) throws -> [UInt8] {
        let title = HTML.escape(ReportLabels.title(report))
        var page = """
            <!DOCTYPE html>
            <html lang="ja">
            <head>
            <meta charset="utf-8">
            <title>\(title)</title>
            <style>\(Self.style)</style>
            </head>
            <body>
            <header><h1>\(title)</h1><p>\(HTML.escape(ReportLabels.period(report)))</p></header>

            """
        page += summary(report)
        page += "<section><h2>累計削減時間と目標</h2>\n\(BurnUpChart(report: report).svg)</section>\n"
        page += "<section><h2>ジョブ別</h2>\n\(JobChart(report: report).svg)\n\(jobsTable(report))</section>\n"
        page += "<section class=\"months\"><h2>月別</h2>\n\(monthsTable(report))</section>\n"
        page += notes(report)
        page += "</body>\n</html>\n"
        return Array(page.utf8)
    }

    private func summary(_ report: SavingsReport) -> String {
        var cards = [
            card("削減実績", "\(ReportNumber.hours(report.savedHours)) 時間", "目標の \(ReportNumber.percent(report.percentOfTarget))",
                 progress: report.percentOfTarget),
            card("年度末見込み", "\(ReportNumber.hours(report.projectedHours)) 時間",
                 "目標との差 \(ReportNumber.hours(report.gapHours)) 時間"),
            card("年間目標", "\(ReportNumber.hours(report.targetHours)) 時間", "\(report.runs) 回・\(Transforms.grouped(report.records)) 件を処理"),
            card("常勤換算", "\(ReportNumber.hours(report.fte, decimals: 2)) 人",
                 "見込み \(ReportNumber.hours(report.projectedFTE, decimals: 2)) 人（\(ReportNumber.hours(report.fteHours, decimals: 0)) 時間/人）"),
        ]
        if let yen = report.yen, let projected = report.projectedYen {
            cards.append(card("金額換算", ReportNumber.yen(yen), "見込み \(ReportNumber.yen(projected))"))
        }
        return "<section class=\"cards\">\n\(cards.joined(separator: "\n"))\n</section>\n"
    }

    private func card(_ label: String, _ value: String, _ note: String, progress: Double? = nil) -> String {
        let bar = progress.map {
            "<div class=\"bar\"><div style=\"width: \(String(format: "%.1f", min(100, max(0, $0))))%\"></div></div>"
        } ?? ""
        return "<div class=\"card\"><div class=\"label\">\(label)</div><div class=\"value\">\(HTML.escape(value))</div>"
            + "\(bar)<div class=\"note\">\(HTML.escape(note))</div></div>"
    }

    private func jobsTable(_ report: SavingsReport) -> String {
        let rows = report.jobs.map {
            "<tr><td>\(HTML.escape($0.job))</td><td>\(HTML.escape($0.title ?? ""))</td><td class=\"n\">\($0.runs)</td>"
                + "<td class=\"n\">\($0.records)</td><td class=\"n\">\(ReportNumber.hours($0.hours))</td>"
                + "<td class=\"n\">\(ReportNumber.percent($0.share * 100))</td></tr>"
        }
        return table(["ジョブ", "名称", "回", "件数", "時間", "割合"], rows, empty: "この年度の実行はまだありません")
    }

    private func monthsTable(_ report: SavingsReport) -> String {
        let rows = report.months.map { month -> String in
            let cells = [
                ReportNumber.hours(month.hours), month.cumulativeHours.map { ReportNumber.hours($0) } ?? "–",
                ReportNumber.hours(month.targetCumulativeHours), month.previousYearHours.map { ReportNumber.hours($0) } ?? "–",
                month.previousYearCumulativeHours.map { ReportNumber.hours($0) } ?? "–",
            ]
            return "<tr><td>\(month.month)</td>" + cells.map { "<td class=\"n\">\($0)</td>" }.joined() + "</tr>"
        }
        return table(["月", "時間", "累計", "目標累計", "前年度", "前年度累計"], rows, empty: "")
    }

    private func table(_ header: [String], _ rows: [String], empty: String) -> String {
        let head = "<tr>" + header.map { "<th>\($0)</th>" }.joined() + "</tr>"
        let body = rows.isEmpty ? "<tr><td colspan=\"\(header.count)\">\(empty)</td></tr>" : rows.joined(separator: "\n")
        return "<table>\n<thead>\(head)</thead>\n<tbody>\n\(body)\n</tbody>\n</table>"
    }

    private func notes(_ report: SavingsReport) -> String {
        var items = ["<li>年度末見込みの算定: \(HTML.escape(report.projectionMethod))</li>"]
        items += report.baselines.map { "<li>\(HTML.escape(ReportLabels.baseline($0)))</li>" }
        if let previous = report.previousYearHours {
            items.append("<li>前年度（\(report.fiscalYear - 1)年度）の削減実績: \(ReportNumber.hours(previous)) 時間</li>")
        }
        return "<footer><h2>注記</h2><ol>\n\(items.joined(separator: "\n"))\n</ol></footer>\n"
    }

    static let style = """

        @page { size: A4; margin: 14mm; }
        body { font-family: "IPAexGothic", "Noto Sans CJK JP", sans-serif; color: #222; margin: 0 auto; max-width: 180mm; }
        h1 { font-size: 18pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 6mm 0 2mm; border-bottom: 1px solid #999; }
        header p { margin: 0; color: #555; }
        .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 3mm; margin-top: 5mm; }
        .card { border: 1px solid #bbb; border-radius: 2mm; padding: 2.5mm 3mm; break-inside: avoid; }
        .label { font-size: 9pt; color: #555; } .value { font-size: 16pt; font-weight: bold; } .note { font-size: 8.5pt; color: #555; }
        .bar { height: 2.5mm; background: #e6e6e6; border-radius: 1mm; margin: 1mm 0; }
        .bar div { height: 100%; background: #1f6fb2; border-radius: 1mm; }
        svg { width: 100%; height: auto; } svg text { font-size: 11px; fill: #333; }
        table { border-collapse: collapse; width: 100%; font-size: 9pt; margin-top: 2mm; }
        th, td { border: 1px solid #bbb; padding: 1mm 2mm; } th { background: #eef2f7; } td.n { text-align: right; }
        section { break-inside: avoid; } section.months { break-before: auto; }
        footer ol { font-size: 8.5pt; color: #444; padding-left: 5mm; }

        """
}

/// HTML escaping for the report page.
enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}
