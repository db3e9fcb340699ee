import Foundation

/// The burn-up chart: cumulative hours saved month by month against the target line, with the
/// projection to March 31 and the previous fiscal year. Points carry `data-month` and
/// `data-hours` so tests can check them against the ledger.
struct BurnUpChart {
    let report: SavingsReport
    let width = 640.0, height = 310.0, left = 56.0, right = 16.0, top = 26.0, bottom = 40.0

    var svg: String {
        let saved = report.months.compactMap { month in month.cumulativeHours.map { (month.month, $0) } }
        let maximum = SVG.niceCeiling(max(report.targetHours, report.projectedHours,
                                      report.months.compactMap(\.previousYearCumulativeHours).max() ?? 0, 1))
        var parts = [grid(maximum)]
        let origin = (x(-1), y(0, maximum))
        let target = [origin] + report.months.enumerated().map { (x($0.offset), y($0.element.targetCumulativeHours, maximum)) }
        parts.append(polyline(target, class: "target", style: "stroke:#c0392b;stroke-dasharray:6 4"))
        let previous = report.months.enumerated().compactMap { index, month in
            month.previousYearCumulativeHours.map { (x(index), y($0, maximum)) }
        }
        if !previous.isEmpty { parts.append(polyline([origin] + previous, class: "previous", style: "stroke:#999")) }
        if let last = saved.last, saved.count < 12, report.projectedHours > 0 {
            let end = (x(11), y(report.projectedHours, maximum))
            parts.append(polyline([(x(saved.count - 1), y(last.1, maximum)), end], class: "projection", style: "stroke:#1f6fb2;stroke-dasharray:2 4"))
        }
        let points = saved.enumerated().map { (x($0.offset), y($0.element.1, maximum)) }
        parts.append(polyline([origin] + points, class: "saved", style: "stroke:#1f6fb2;stroke-width:2.5"))
        parts += saved.enumerated().map { index, point in
            "<circle class=\"saved-point\" data-month=\"\(point.0)\" data-hours=\"\(String(format: "%.3f", point.1))\" "
                + "cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(point.1, maximum)))\" r=\"3.5\" fill=\"#1f6fb2\"/>"
        }
        parts.append(legend)
        return "<svg viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"累計削減時間と目標\">\n"
            + parts.joined(separator: "\n") + "\n</svg>"
    }

    private func x(_ monthIndex: Int) -> Double {
        left + (width - left - right) * Double(monthIndex + 1) / 12
    }

    private func y(_ hours: Double, _ maximum: Double) -> Double {
        top + (height - top - bottom) * (1 - hours / maximum)
    }

    private func grid(_ maximum: Double) -> String {
        var lines: [String] = []
        let magnitude = pow(10, floor(log10(maximum)))
        let intervals = [2.5, 5].contains(maximum / magnitude) ? 5 : 4
        for step in 0...intervals {
            let value = maximum * Double(step) / Double(intervals)
            let yy = SVG.number(y(value, maximum))
            lines.append("<line x1=\"\(SVG.number(left))\" y1=\"\(yy)\" x2=\"\(SVG.number(width - right))\" y2=\"\(yy)\" stroke=\"#ddd\"/>")
            lines.append("<text x=\"\(SVG.number(left - 6))\" y=\"\(yy)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(ReportNumber.hours(value, decimals: 0))</text>")
        }
        for (index, month) in report.months.enumerated() {
            lines.append("<text x=\"\(SVG.number(x(index)))\" y=\"\(SVG.number(height - bottom + 16))\" text-anchor=\"middle\">\(month.label)</text>")
        }
        lines.append("<text x=\"\(SVG.number(left - 6))\" y=\"8\" text-anchor=\"end\" dominant-baseline=\"middle\">(時間)</text>")
        return lines.joined(separator: "\n")
    }

    private var legend: String {
        let items = [("#1f6fb2", "", "削減実績（累計）"), ("#1f6fb2", "2 4", "年度末見込み"), ("#c0392b", "6 4", "目標"), ("#999", "", "前年度")]
        return items.enumerated().map { index, item in
            let lx = left + 8 + Double(index) * 130
            return "<line x1=\"\(SVG.number(lx))\" y1=\"\(SVG.number(height - 8))\" x2=\"\(SVG.number(lx + 22))\" y2=\"\(SVG.number(height - 8))\" stroke=\"\(item.0)\" "
                + "stroke-width=\"2\" stroke-dasharray=\"\(item.1)\"/><text x=\"\(SVG.number(lx + 26))\" y=\"\(SVG.number(height - 8))\" "
                + "dominant-baseline=\"middle\">\(item.2)</text>"
        }.joined(separator: "\n")
    }

    private func polyline(_ points: [(Double, Double)], class name: String, style: String) -> String {
        "<polyline class=\"\(name)\" fill=\"none\" style=\"\(style)\" points=\"\(points.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " "))\"/>"
    }
}

/// Hours per job as horizontal bars.
struct JobChart {
    let report: SavingsReport

    var svg: String {
        guard !report.jobs.isEmpty else { return "" }
        let rowHeight = 26.0, labelWidth = 230.0, width = 640.0
        let maximum = report.jobs.map(\.hours).max() ?? 1
        let bars = report.jobs.enumerated().map { index, job -> String in
            let y = Double(index) * rowHeight
            let length = maximum > 0 ? (width - labelWidth - 90) * job.hours / maximum : 0
            let label = HTML.escape(job.title ?? job.job)
            return "<text x=\"\(SVG.number(labelWidth - 8))\" y=\"\(SVG.number(y + 13))\" text-anchor=\"end\" dominant-baseline=\"middle\">\(label)</text>"
                + "<rect class=\"job\" data-job=\"\(HTML.escape(job.job))\" data-hours=\"\(String(format: "%.3f", job.hours))\" "
                + "x=\"\(SVG.number(labelWidth))\" y=\"\(SVG.number(y + 4))\" width=\"\(SVG.number(length))\" height=\"18\" fill=\"#1f6fb2\"/>"
                + "<text x=\"\(SVG.number(labelWidth + length + 6))\" y=\"\(SVG.number(y + 13))\" dominant-baseline=\"middle\">"
                + "\(ReportNumber.hours(job.hours)) 時間</text>"
        }
        let height = Double(report.jobs.count) * rowHeight + 4
        return "<svg viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"ジョブ別削減時間\">\n"
            + bars.joined(separator: "\n") + "\n</svg>"
    }
}

/// Helpers of the SVG charts.
private enum SVG {
    /// A round upper bound for a chart axis (1, 2, 2.5 or 5 × a power of ten).
    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, floor(log10(value)))
        for step in [1.0, 2, 2.5, 5, 10] where step * magnitude >= value { return step * magnitude }
        return 10 * magnitude
    }

    /// A coordinate with one decimal.
    static func number(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
