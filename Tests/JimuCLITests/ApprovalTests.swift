import Foundation
import GRDB
@testable import JimuKit
import JimuTestSupport
import Testing

/// 決裁 before money moves, through the shipped payment-orders job (which needs approval) and the
/// payment-list job with approval switched on: every transition and every refusal from the
/// command line, and releases that put each approved transfer in a bank file exactly once.
@Suite struct ApprovalTests {
    /// An approver of the shipped jimu.yaml, acting through `sudo -u` as the tests' user.
    static let approver = ["SUDO_USER": "kaikei"]
    static let job = "Jobs/payment-orders.yaml"

    /// A scratch project whose payment-orders run 1 issued orders 1–4 (3 paid 11/30, 1 paid 11/24).
    static func issued() throws -> URL {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", job, "--as-of", "2026-11-21"], in: project)
        #expect(run.status == 65, "\(run.stderr)")
        return project
    }

    static func jimu(_ arguments: [String], _ project: URL, as user: [String: String] = approver) throws -> CLI.Result {
        try CLI.run(arguments, in: project, environment: user)
    }

    /// The 顧客コード (支出命令番号) of every transfer in every 全銀 file of a project.
    static func transfers(in project: URL) throws -> [String] {
        let files = FileManager.default.enumerator(at: project.appendingPathComponent(".jimu/out"), includingPropertiesForKeys: nil)?
            .allObjects as? [URL] ?? []
        return try files.filter { $0.lastPathComponent.hasPrefix("sogo-furikomi") }.flatMap {
            try ZenginReader.read([UInt8](try Data(contentsOf: $0))).data.map { $0["顧客コード1"] ?? "" }
        }.sorted()
    }

    @Test("four eyes: the person who issued an order cannot approve it, nor can someone not listed; exit 77 and nothing changes")
    func fourEyes() throws {
        let project = try Self.issued()
        let own = try Self.jimu(["approve", Self.job, "--number", "1"], project, as: [:])
        #expect(own.status == 77)
        #expect(own.stderr.contains("is not an approver of payment-orders (approvers: kaikei, kaikei-kacho); 決裁 is left to them"), "\(own.stderr)")
        let inquiries = try Self.jimu(["approve", Self.job, "--number", "1"], project, as: ["SUDO_USER": "nouzei-kacho"])
        #expect(inquiries.status == 77, "the 納税課長 approves inquiries, not payments")
        // An approver who issued the run is refused for its orders, with the reason per order.
        let issuer = try CLI.scratchProject()
        _ = try Self.jimu(["run", Self.job, "--as-of", "2026-11-21"], issuer)
        let same = try Self.jimu(["approve", Self.job, "--number", "1-2"], issuer)
        #expect(same.status == 65)
        #expect(same.stdout.contains("支出命令番号 000001 (令和8年度): refused: issued by kaikei (run 1): the person who issued an order does not approve it (four eyes); ask another approver"), "\(same.stdout)")
        let other = try Self.jimu(["approve", Self.job, "--number", "1-2"], issuer, as: ["SUDO_USER": "kaikei-kacho"])
        #expect(other.status == 0 && other.stdout.contains("2 approved"), "\(other)")
        let orders = try Self.jimu(["show", "orders"], project)
        #expect(orders.stdout.contains("2026-11-24  payment-orders  1 ￥198,000") && orders.stdout.contains("2026-11-30  payment-orders  3 ￥385,800"), "\(orders.stdout)")
    }

    @Test("the lifecycle: 起票 → 決裁 → 送信 each once, refusals for unknown, cancelled and released orders, the history kept and chained")
    func lifecycle() throws {
        let project = try Self.issued()
        #expect(try Self.transfers(in: project).isEmpty, "no transfer before approval")
        let approve = try Self.jimu(["approve", Self.job, "--number", "1-3,9", "--comment", "審査済（会計課）", "--reference", "R8-決裁-0042"], project)
        #expect(approve.status == 65)
        #expect(approve.stdout.contains("支出命令番号 000009: refused: there is no such order under approval"), "\(approve.stdout)")
        #expect(approve.stdout.hasSuffix("payment-orders approve: 4 named, 3 approved, 1 refused, 0 unchanged\n"))
        let again = try Self.jimu(["approve", Self.job, "--number", "1"], project)
        #expect(again.status == 0 && again.stdout.contains("000001 (令和8年度): already approved"))
        let cancel = try Self.jimu(["cancel", Self.job, "--number", "4", "--reason", "請求書の金額誤り"], project)
        #expect(cancel.status == 0 && cancel.stdout.contains("000004 (令和8年度): 起票済 → 取消"), "\(cancel)")
        let cancelled = try Self.jimu(["approve", Self.job, "--number", "4"], project)
        #expect(cancelled.status == 65 && cancelled.stdout.contains("refused: cancelled (取消); issue a corrected record as a new order"))

        let release = try Self.jimu(["release", Self.job, "--as-of", "2026-11-26"], project, as: [:])
        #expect(release.status == 0, "\(release)")
        #expect(release.stdout.contains("000002 (令和8年度): 決裁済 → 送信済, 振込指定日 2026-11-30, "), "\(release.stdout)")
        #expect(try Self.transfers(in: project) == ["000001", "000002", "000003"])
        let twice = try Self.jimu(["release", Self.job, "--as-of", "2026-11-26"], project, as: [:])
        #expect(twice.status == 0 && twice.stdout.hasSuffix("0 named, 0 released, 0 refused, 0 unchanged\n"), "\(twice)")
        #expect(try Self.transfers(in: project) == ["000001", "000002", "000003"], "released once")
        let late = try Self.jimu(["cancel", Self.job, "--number", "2", "--reason", "x"], project)
        #expect(late.status == 65 && late.stdout.contains("refused: already released to the bank: a transfer sent is recalled with the bank (組戻し)"))

        let history = try Self.jimu(["show", "order", "1"], project)
        let lines = history.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "支出命令番号 1 (令和8年度): 送信済 (released)", "\(history.stdout)")
        #expect(lines.contains { $0.hasSuffix("起票済 by \(Person.current(environment: [:])) on \(ProcessInfo.processInfo.hostName) (run 1, issue), 振込指定日 2026-11-30") })
        #expect(lines.contains { $0.contains("決裁済 by kaikei on") && $0.contains("(run 2, approve), 決裁番号 R8-決裁-0042, 決裁日 20") && $0.hasSuffix(": 審査済（会計課）") })
        #expect(lines.contains { $0.contains("送信済 by") && $0.contains("release)") })
        let runs = try Self.jimu(["runs"], project)
        #expect(runs.stdout.contains("payment-orders (決裁)") && runs.stdout.contains("payment-orders (送信)"))
        let verify = try Self.jimu(["ledger", "verify"], project)
        #expect(verify.status == 0 && verify.stdout.contains("no problems"), "\(verify)")
    }

    @Test("a release writes the very bytes the job writes without approval: the same 全銀 file, once approved")
    func sameBytes() throws {
        let approved = try Self.issued()
        #expect(try Self.jimu(["approve", Self.job, "--run", "1"], approved).status == 0)
        #expect(try Self.jimu(["release", Self.job, "--as-of", "2026-11-21"], approved, as: [:]).status == 0)
        #expect(try Self.jimu(["release", Self.job, "--as-of", "2026-11-26"], approved, as: [:]).status == 0)
        let direct = try CLI.scratchProject()
        let file = direct.appendingPathComponent(Self.job)
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "  required: true", with: "  required: false")
            .replacingOccurrences(of: "stage: released", with: "stage: issued").replacingOccurrences(of: "stage: cancelled", with: "stage: issued")
        try text.write(to: file, atomically: true, encoding: .utf8)
        _ = try CLI.run(["run", Self.job, "--as-of", "2026-11-21"], in: direct)
        let name = "sogo-furikomi-20261130-fy2026-run"
        let released = FileManager.default.contents(atPath: approved.appendingPathComponent(".jimu/out/payment-orders/2026-11-26/\(name)4.txt").path)
        let written = FileManager.default.contents(atPath: direct.appendingPathComponent(".jimu/out/payment-orders/2026-11-21/\(name)1.txt").path)
        #expect(released != nil && released == written)
    }

    @Test("the release also writes the 決裁済 支出命令書: the 決裁欄 filled with the approver, title, 決裁日 and 決裁番号; the order as issued")
    func approvedCopy() throws {
        let project = try Self.issued()
        let approve = try Self.jimu(["approve", Self.job, "--run", "1", "--reference", "R8-決裁-0042", "--as-of", "2026-11-24"], project)
        #expect(approve.status == 0)
        #expect(try Self.jimu(["release", Self.job, "--as-of", "2026-11-26"], project, as: [:]).status == 65, "order 4 is late")
        let issued = try PDFText.pages(of: PaymentOrderTests.day(project).appendingPathComponent("shishutsu-meireisho-run1.pdf"))
        let copy = try PDFText.pages(of: PaymentOrderTests.day(project, "2026-11-26").appendingPathComponent("shishutsu-meireisho-kessai-run3.pdf"))
        #expect(copy.count == 3, "one page per released order")
        for expected in ["第 000001 号", "令和8年11月21日", "￥42,800", "会計管理者", "山本 一郎", "令和8年11月24日", "R8-決裁-0042", "株式会社みどり文具"] {
            #expect(copy[0].contains(expected), "the 決裁済 copy lacks \(expected)")
        }
        #expect(!copy[0].contains("令和8年11月26日"), "the 命令日 is the issuing run's, not the release's")
        #expect(!issued[0].contains("山本 一郎") && !issued[0].contains("R8-決裁-0042"), "the copy made at issue has the 決裁欄 empty")
    }

    @Test("取消: the key is issued again as a new order, the 負担行為 balance is given back, the number stays used")
    func cancelGivesBack() throws {
        let project = try Self.issued()
        // Run 1 drew ¥198,000 of R8-00170's ¥264,000 (order 4) and rejected a ¥99,000 invoice over it.
        let cancel = try Self.jimu(["cancel", Self.job, "--number", "4", "--reason", "請求書の再発行"], project)
        #expect(cancel.status == 0, "\(cancel)")
        // The 取消簿 marks the order 取消 with who and why; the 発行簿 of run 1 stays as it was.
        let registers = try FileManager.default.subpathsOfDirectory(atPath: project.appendingPathComponent(".jimu/out/payment-orders").path)
            .filter { $0.hasSuffix("register-torikeshi-run2.csv") }
        #expect(registers.count == 1, "\(registers)")
        let register = try String(contentsOf: project.appendingPathComponent(".jimu/out/payment-orders/" + (registers.first ?? "")), encoding: .utf8)
        #expect(register.contains("000004,令和8年度,令和8年11月21日,取消,請求書の再発行,kaikei,R8-00170,P0005,㈱山田製作所,198000,令和8年11月24日,Y-0517,"), "\(register)")
        let again = try CLI.run(["run", Self.job, "--as-of", "2026-11-21", "--summary", "json"], in: project)
        let summary = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any] ?? [:]
        // The cancelled key is no longer skipped: its invoice is issued again, as order 5, on the
        // ¥264,000 given back; the ¥99,000 invoice is still over what is left, and nothing earlier
        // runs drew is counted against it any more.
        #expect(["input", "issued", "rejected", "skipped"].map { summary[$0] as? Int } == [8, 1, 4, 3], "\(again.stdout)")
        #expect(try again.rejects(in: project).contains {
            $0.contains("amount ￥99,000 exceeds the remaining ￥66,000 of 支出負担行為 R8-00170 (支出負担行為 ￥264,000, spent ￥0 before Jimu, ￥198,000 earlier in this run)")
        })
        let orders = try Self.jimu(["show", "orders"], project)
        #expect(orders.stdout.contains("2026-11-24  payment-orders  1 ￥198,000       -                  -                  1 ￥198,000"), "\(orders.stdout)")
        let fifth = try Self.jimu(["show", "order", "5"], project)
        #expect(fifth.stdout.hasPrefix("支出命令番号 5 (令和8年度): 起票済 (pending)"), "\(fifth.stdout)")
        #expect(fifth.stdout.contains("issued by run 3"), "\(fifth.stdout)")
        let fourth = try Self.jimu(["show", "order", "4"], project)
        #expect(fourth.stdout.contains("取消 by kaikei") && fourth.stdout.contains("(run 2, cancel): 請求書の再発行"), "\(fourth.stdout)")
        #expect(try Self.jimu(["ledger", "verify"], project).status == 0)
    }

    @Test("an approved order past its release window is reported on every release until re-dated; then it is released")
    func lateOrders() throws {
        let project = try Self.issued()
        #expect(try Self.jimu(["approve", Self.job, "--number", "4"], project).status == 0)
        let late = try Self.jimu(["release", Self.job, "--as-of", "2026-11-25"], project, as: [:])
        #expect(late.status == 65)
        #expect(late.stdout.contains("000004 (令和8年度): not released: 振込指定日 2026-11-24 is past: the bank takes a file for it only up to 2026-11-20; re-date it (jimu approve --number 4 --fiscal-year 2026 --redate YYYY-MM-DD) or cancel it"), "\(late.stdout)")
        let redate = try Self.jimu(["approve", Self.job, "--number", "4", "--redate", "2026-11-27", "--as-of", "2026-11-25"], project)
        #expect(redate.status == 0 && redate.stdout.contains("振込指定日 2026-11-24 → 2026-11-27"), "\(redate)")
        let tooSoon = try Self.jimu(["approve", Self.job, "--number", "4", "--redate", "2026-11-25", "--as-of", "2026-11-25"], project)
        #expect(tooSoon.status == 77 && tooSoon.stderr.contains("--redate 2026-11-25 is too soon"))
        let holiday = try Self.jimu(["approve", Self.job, "--number", "4", "--redate", "2026-11-28", "--as-of", "2026-11-25"], project)
        #expect(holiday.status == 77 && holiday.stderr.contains("is not a bank business day"))
        let closed = try Self.jimu(["approve", Self.job, "--number", "4", "--redate", "2027-06-01", "--as-of", "2027-05-10"], project)
        #expect(closed.status == 65 && closed.stdout.contains("--redate 2027-06-01 is after 令和8年度's 出納閉鎖 on 2027-05-31"), "\(closed)")
        let release = try Self.jimu(["release", Self.job, "--as-of", "2026-11-25"], project, as: [:])
        #expect(release.status == 0, "\(release)")
        let file = try ZenginReader.read([UInt8](try Data(contentsOf: project.appendingPathComponent(
            ".jimu/out/payment-orders/2026-11-25/sogo-furikomi-20261127-fy2026-run6.txt"))))
        #expect(file.header["振込指定日"] == "1127" && file.data.map { $0["顧客コード1"] } == ["000004"])
    }

    @Test("approvals exported by the 電子決裁 system: each row approves its order with its 決裁者 and 決裁番号; bad rows are rejected with the reason, fixed and replayed")
    func importsApprovals() throws {
        let project = try CLI.scratchProject()
        _ = try Self.jimu(["run", Self.job, "--as-of", "2026-11-21"], project, as: ["SUDO_USER": "kaikei-kacho"])
        #expect(try Self.jimu(["cancel", Self.job, "--number", "4", "--reason", "重複"], project).status == 0)
        let decisions = project.appendingPathComponent("Samples/approvals.csv")
        try CP932Lines.write([
            "決裁番号,決裁日,決裁者,支出命令番号,件名",
            "R8-会計-0201,2026-11-24,山本　一郎,000001,支出命令",
            "R8-会計-0201,2026-11-24,山本 一郎,000002,支出命令",
            "R8-会計-0202,2026-11-24,山田　太郎,000003,支出命令",
            "R8-会計-0203,2026-11-24,佐藤　花子,000001,支出命令",
            "R8-会計-0204,2026-11-24,山本　一郎,000004,支出命令",
            "R8-会計-0205,2026-11-24,山本　一郎,000099,支出命令",
            "R8-会計-0206,2026-11-24,高橋　三郎,000003,支出命令",
        ], to: decisions)
        let run = try CLI.run(["run", "Jobs/approvals-import.yaml", "--as-of", "2026-11-24", "--summary", "json"], in: project)
        #expect(run.status == 65)
        let rejects = try run.rejects(in: project)
        for expected in [
            "Samples/approvals.csv:4: 決裁者 '山田　太郎' is not an approver in jimu.yaml (山本 一郎, 佐藤 花子, 高橋 三郎); check the 決裁者 or add them",
            "Samples/approvals.csv:8: 決裁者 '高橋　三郎' does not approve the orders of payment-orders (its approvers: kaikei, kaikei-kacho)",
            "Samples/approvals.csv:5: 支出命令番号 000001 was issued by kaikei-kacho: the person who issued an order does not approve it (four eyes)",
            "Samples/approvals.csv:6: 支出命令番号 000004 was cancelled (取消); its approval is void",
            "Samples/approvals.csv:7: 支出命令番号 000099 is no order waiting for approval (see 'jimu show orders'); check the number",
        ] {
            #expect(rejects.contains { $0.contains(expected) }, "\(expected)\n\(rejects)")
        }
        let history = try Self.jimu(["show", "order", "2"], project)
        #expect(history.stdout.contains("決裁済 by kaikei on") && history.stdout.contains("決裁番号 R8-会計-0201, 決裁日 2026-11-24: 電子決裁"), "\(history.stdout)")
        // The rejects file, fixed (the 決裁者 of row 4 was 山本 一郎), is replayed like any input.
        let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        let fixed = project.appendingPathComponent("fixed.csv")
        let rows = try CP932Lines.read(project.appendingPathComponent(summary["rejects_file"] as? String ?? ""))
        try CP932Lines.write([rows[0], rows[1].replacingOccurrences(of: "山田　太郎", with: "山本　一郎")], to: fixed)
        let replay = try CLI.run(
            ["run", "Jobs/approvals-import.yaml", "--as-of", "2026-11-24", "--input", "decisions=fixed.csv", "--summary", "text"], in: project)
        #expect(replay.status == 0 && replay.stdout.hasPrefix("approvals-import: 1 read, 1 issued, 0 rejected, 0 skipped"), "\(replay)")
        let orders = try Self.jimu(["show", "orders"], project)
        #expect(orders.stdout.contains("2026-11-30  payment-orders  -                 3 ￥385,800"), "\(orders.stdout)")
    }

    @Test("an order approved outside Jimu (sqlite3) is not released: the release stops (exit 78) and verify names the order")
    func tampered() throws {
        let project = try Self.issued()
        let ledger = project.appendingPathComponent(".jimu/ledger.sqlite").path
        try DatabaseQueue(path: ledger).write { try $0.execute(sql: "UPDATE orders SET state = 'approved' WHERE number = 2") }
        let release = try Self.jimu(["release", Self.job, "--as-of", "2026-11-26"], project, as: [:])
        #expect(release.status == 78)
        #expect(release.stderr.contains("the ledger says 支出命令番号 2 of 2026 is approved, but its history ends pending: it was changed outside Jimu; nothing was done"), "\(release.stderr)")
        #expect(try Self.transfers(in: project).isEmpty)
        let verify = try Self.jimu(["ledger", "verify"], project)
        #expect(verify.status != 0 && verify.stderr.contains("order 支出命令番号 2 of 2026: the ledger says approved on 2026-11-30, its history pending on 2026-11-30 (changed outside Jimu)"), "\(verify)")
    }

    @Test("dry runs of approve, cancel and release change nothing and write nothing")
    func dryRuns() throws {
        let project = try Self.issued()
        let before = try Self.jimu(["show", "orders"], project).stdout
        let approve = try Self.jimu(["approve", Self.job, "--run", "1", "--dry-run"], project)
        #expect(approve.status == 0 && approve.stdout.contains("4 approved, 0 refused, 0 unchanged (dry run: nothing written)"), "\(approve)")
        #expect(try Self.jimu(["cancel", Self.job, "--number", "1", "--reason", "x", "--dry-run"], project).status == 0)
        #expect(try Self.jimu(["approve", Self.job, "--run", "1"], project).status == 0)
        let release = try Self.jimu(["release", Self.job, "--as-of", "2026-11-26", "--dry-run"], project, as: [:])
        // Order 4 (11/24) is past the window on 11/26, and is reported as it would be.
        #expect(release.status == 65 && release.stdout.contains("3 released, 1 refused, 0 unchanged (dry run: nothing written)"), "\(release)")
        #expect(try Self.transfers(in: project).isEmpty)
        let after = try Self.jimu(["show", "orders"], project).stdout
        #expect(before.contains("2026-11-30  payment-orders  3 ￥385,800") && after.contains("2026-11-30  payment-orders  -                 3 ￥385,800"), "\(before)\n\(after)")
        #expect(try Self.jimu(["runs"], project).stdout.split(separator: "\n").count == 3, "the issue and the real approval only")
    }

    @Test("jimu tick releases on the job's release schedule, once per slot")
    func tick() throws {
        let project = try Self.issued()
        #expect(try Self.jimu(["approve", Self.job, "--run", "1"], project).status == 0)
        let first = try Self.jimu(["tick", Self.job, "--now", "2026-11-26T09:00"], project, as: [:])
        #expect(try Self.transfers(in: project) == ["000001", "000002", "000003"], "\(first)")
        _ = try Self.jimu(["tick", Self.job, "--now", "2026-11-26T09:01"], project, as: [:])
        #expect(try Self.transfers(in: project) == ["000001", "000002", "000003"])
    }
}

/// kill -9 in the middle of releases, then a normal release: every approved order is in the bank
/// files exactly once.
@Suite(.serialized) struct ReleaseCrashTests {
    @Test("kill -9 at random points of releases of 2,000 approved orders (and 1,000 pending), then a normal release: each approved transfer once, no pending one, no temporary files")
    func killNine() throws {
        let project = try CrashSafetyTests.project(rows: 3000)
        for (file, addition) in [
            ("Jobs/payment-list.yaml", "approval:\n  required: true\n"),
        ] {
            let url = project.appendingPathComponent(file)
            try (String(contentsOf: url, encoding: .utf8) + addition).write(to: url, atomically: true, encoding: .utf8)
        }
        let job = "Jobs/payment-list.yaml"
        #expect(try CLI.run(["run", job, "--as-of", "2026-11-21"], in: project).status == 0)
        let approve = try CLI.run(["approve", job, "--number", "1-2000"], in: project, environment: ApprovalTests.approver)
        #expect(approve.status == 0 && approve.stdout.contains("… and 1500 more (see 'jimu show orders')"), "\(approve.stdout.suffix(300))")
        var generator = SeededGenerator(seed: 21)
        for _ in 0..<8 {
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["release", job, "--as-of", "2026-11-26"]
            process.currentDirectoryURL = project
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 5_000...150_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let last = try CLI.run(["release", job, "--as-of", "2026-11-26"], in: project)
        #expect(last.status == 0, "\(last)")
        let codes = try ApprovalTests.transfers(in: project)
        #expect(codes == (1...2000).map { String(format: "%06d", $0) }, "each approved transfer once, no pending one: \(codes.count)")
        let files = FileManager.default.enumerator(at: project.appendingPathComponent(".jimu/out"), includingPropertiesForKeys: nil)?
            .allObjects as? [URL] ?? []
        #expect(!files.contains { $0.lastPathComponent.hasSuffix(".tmp") })
        let orders = try CLI.run(["show", "orders"], in: project)
        #expect(orders.stdout.contains("2026-11-30  payment-list  1000 ￥") && orders.stdout.contains("2000 ￥"), "\(orders.stdout)")
        #expect(last.stdout.contains("1000 order(s) due through 2026-11-30 still await 決裁 and were not released: 002001, 002002,"))
    }

    @Test("10 releases started at once: one writes the bank file, the others exit 75 or find nothing left; each transfer once")
    func together() throws {
        let project = try ApprovalTests.issued()
        #expect(try ApprovalTests.jimu(["approve", ApprovalTests.job, "--run", "1"], project).status == 0)
        let processes = try (0..<10).map { _ in
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["release", ApprovalTests.job, "--as-of", "2026-11-21"]
            process.currentDirectoryURL = project
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        processes.forEach { $0.waitUntilExit() }
        #expect(processes.allSatisfy { [0, 75].contains($0.terminationStatus) }, "\(processes.map(\.terminationStatus))")
        #expect(try ApprovalTests.transfers(in: project) == ["000004"], "the one transfer due by 11/25, once")
        let runs = try CLI.run(["runs", "--format", "json"], in: project).stdout
        #expect(runs.components(separatedBy: "\"kind\":\"release\"").count - 1 >= 1)
    }
}
