import Foundation
import GRDB
@testable import JimuKit
import JimuTestSupport
import Testing

/// `wait_for_inputs`: a late export is waited for by `jimu tick`, quietly, with every attempt in
/// the ledger; and rejects already told of are not told again.
@Suite("Late inputs and repeated rejects")
struct LateInputTests {
    let project: URL
    var input: URL { project.appendingPathComponent("Samples/payment-list.csv") }
    var aside: URL { project.appendingPathComponent("payment-list.csv.late") }

    init() throws {
        project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + """
            notify:
              on: [failure, rejects]
              command: "cat >> notices.jsonl; echo >> notices.jsonl"

            """).write(to: config, atomically: true, encoding: .utf8)
    }

    private func tick(_ minute: String) throws -> CLI.Result {
        try CLI.run(["tick", "--now", minute, "Jobs/payment-list.yaml"], in: project)
    }

    private func notices() throws -> [String] {
        let file = project.appendingPathComponent("notices.jsonl")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String ?? "?"
        }
    }

    private func slot(_ slot: String) throws -> SlotRecord? {
        try SQLiteLedger(path: project.appendingPathComponent(".jimu/ledger.sqlite").path).queue.read { db in
            try Row.fetchOne(db, sql: "SELECT slot, run_id, outcome, attempts, last_attempt FROM schedule_slots WHERE slot = ?", arguments: [slot])
                .map { SlotRecord(slot: $0[0], run: $0[1], outcome: $0[2], attempts: $0[3], lastAttempt: $0[4]) }
        }
    }

    @Test("a missing input is tried again every 15 minutes until 10:00, quietly; the run that finds it serves the slot")
    func lateInput() throws {
        try FileManager.default.moveItem(at: input, to: aside)
        let first = try tick("2026-11-24T07:30")
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        #expect(try slot("2026-11-24T07:30")?.isWaiting == true)
        #expect(try tick("2026-11-24T07:40").stderr.isEmpty)
        #expect(try slot("2026-11-24T07:30")?.attempts == 1, "not yet 15 minutes")
        let second = try tick("2026-11-24T07:45")
        #expect(second.status == 0 && second.stderr.isEmpty, "\(second.stderr)")
        let waiting = try #require(try slot("2026-11-24T07:30"))
        #expect(waiting.attempts == 2 && waiting.lastAttempt == "2026-11-24T07:45")
        #expect(waiting.outcome.contains("input 'payments' does not exist"), "\(waiting.outcome)")
        #expect(waiting.outcome.hasSuffix("(attempt 2; trying every 15 minutes until 2026-11-24T10:00)"), "\(waiting.outcome)")

        try FileManager.default.moveItem(at: aside, to: input)
        let found = try tick("2026-11-24T08:00")
        #expect(found.status == 65, "\(found.stderr)")
        let served = try #require(try slot("2026-11-24T07:30"))
        #expect(served.outcome == "completed_with_rejects" && served.attempts == 3 && served.run == 3)
        // Each attempt is a run of its own in the ledger.
        let runs = try CLI.run(["runs", "--format", "json"], in: project)
        let statuses = try (JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]] ?? []).map { $0["status"] as? String }
        #expect(statuses == ["completed_with_rejects", "failed", "failed"])
        #expect(try notices() == ["rejects"], "waiting notified nothing")
        #expect(try tick("2026-11-24T08:15").stderr.isEmpty, "a served slot is not run again")
    }

    @Test("an input still missing at 10:00 fails the slot (exit 66) and notifies, naming the attempts")
    func stillMissing() throws {
        try FileManager.default.moveItem(at: input, to: aside)
        #expect(try tick("2026-11-24T07:30").status == 0)
        let late = try tick("2026-11-24T10:05")
        #expect(late.status == 66 && late.stderr.contains("input 'payments' does not exist"), "\(late.stderr)")
        let failed = try #require(try slot("2026-11-24T07:30"))
        #expect(failed.outcome.hasPrefix("failed after 2 attempts:"), "\(failed.outcome)")
        #expect(try notices() == ["failure"])
        #expect(try tick("2026-11-24T10:30").stderr.isEmpty, "a failed slot is not tried again")
    }

    @Test("the same rejected rows are told once: a later run that rejects only them neither notifies nor prints under tick")
    func repeatedRejects() throws {
        #expect(try tick("2026-11-24T07:30").status == 65)
        #expect(try notices() == ["rejects"])
        let again = try tick("2026-11-25T07:30")
        #expect(again.status == 65)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
        #expect(try notices() == ["rejects"])
        let manual = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-26", "--summary", "json"], in: project)
        let summary = try JSONSerialization.jsonObject(with: Data(manual.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(summary["new_rejects"] as? Int == 0 && (summary["rejected"] as? Int ?? 0) > 0, "\(manual.stdout)")

        // A row broken anew is told.
        var lines = try CP932Lines.read(input)
        lines.append(lines[1].replacingOccurrences(of: ",", with: ",,", options: [], range: lines[1].range(of: ",")))
        try CP932Lines.write(lines, to: input)
        let changed = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-27", "--summary", "text"], in: project)
        #expect(changed.stdout.contains("(1 new)"), "\(changed.stdout)\(changed.stderr)")
        #expect(try notices() == ["rejects", "rejects"])
    }
}
