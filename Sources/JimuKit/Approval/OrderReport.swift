import JimuSpec

/// The texts of `jimu show order` and `jimu show orders`.
public enum OrderReport {
    public static func history(_ order: Order, events: [OrderEvent]) -> String {
        var lines = [
            "\(order.number.sequence) \(order.number.number) (\(Wareki.fiscalYear(order.number.fiscalYear))): \(order.state.label) (\(order.state.rawValue))",
            "  job \(order.job), issued by run \(order.run) (\(order.issuedBy)); 振込指定日 \(order.paymentDate ?? "-"); ￥\(Transforms.grouped(order.amount))",
        ]
        if let drawing = order.drawing { lines.append("  draws on \(drawing.balance) \(drawing.account)") }
        lines.append("history:")
        for event in events {
            var line = "  \(event.at)  \(event.state.label) by \(PrintableText.escaped(event.actor)) on \(event.host) (run \(event.run), \(event.kind.rawValue))"
            if let date = event.paymentDate { line += ", 振込指定日 \(date)" }
            if let reference = event.reference { line += ", 決裁番号 \(PrintableText.escaped(reference))" }
            if event.state == .approved, let day = event.decidedOn { line += ", 決裁日 \(day)" }
            if let note = event.note { line += ": \(PrintableText.escaped(note))" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    public static func overview(sequence: String, from: String?, ledger: any LedgerTransaction) throws -> String {
        let totals = try ledger.orderTotals(sequence: sequence, from: from)
        let states: [OrderState] = [.pending, .approved, .released, .cancelled]
        var rows: [[String]] = []
        var groups: [(date: String, job: String)] = []
        for total in totals where !groups.contains(where: { $0 == (total.paymentDate ?? "-", total.job) }) {
            groups.append((total.paymentDate ?? "-", total.job))
        }
        for (date, job) in groups {
            rows.append([date, job] + states.map { state in
                totals.first { ($0.paymentDate ?? "-") == date && $0.job == job && $0.state == state }
                    .map { "\($0.count) ￥\(Transforms.grouped($0.amount))" } ?? "-"
            })
        }
        let header = ["振込指定日", "JOB"] + states.map { "\($0.label) (\($0.rawValue))" }
        return (["支払予定 \(sequence)"] + TextTable.lines(header: header, rows: rows)).joined(separator: "\n")
    }
}
