import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

@Suite struct CLITests {
    @Test("every shipped job file checks clean, silently")
    func checkShipped() throws {
        let jobs = try FileManager.default.contentsOfDirectory(atPath: Fixtures.url("Jobs").path)
            .filter { $0.hasSuffix(".yaml") }.map { "Jobs/\($0)" }
        #expect(jobs.count >= 3)
        let result = try CLI.run(["check"] + jobs, in: Fixtures.packageRoot)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.isEmpty)
    }

    @Test("a broken job file: compiler-style errors on stderr, exit 78")
    func checkBroken() throws {
        let result = try CLI.run(["check", "Tests/JimuSpecTests/Fixtures/invalid/unknown-format.yaml"], in: Fixtures.packageRoot)
        #expect(result.status == 78)
        #expect(result.stderr == """
            Tests/JimuSpecTests/Fixtures/invalid/unknown-format.yaml:4:13: error: inputs.payments: input 'payments' does not exist (paths in job files are relative to the project root '.')
            Tests/JimuSpecTests/Fixtures/invalid/unknown-format.yaml:13:15: error: outputs[1].format: unknown format 'htm'; expected one of csv, text, html, zengin, pdf (did you mean 'html'?)
            validation failed for Tests/JimuSpecTests/Fixtures/invalid/unknown-format.yaml (2 errors)

            """)
    }

    @Test("check reads the files a job references: a column the CSV lacks is named with its line")
    func checkReferences() throws {
        let project = try CLI.scratchProject()
        let job = project.appendingPathComponent("Jobs/payment-list.yaml")
        let text = try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "column: 金額", with: "column: 金 額")
        try text.write(to: job, atomically: true, encoding: .utf8)
        let result = try CLI.run(["check", "Jobs/payment-list.yaml"], in: project)
        #expect(result.status == 78)
        #expect(result.stderr.contains("Jobs/payment-list.yaml:47:23: error: records.fields.amount.column: input 'payments' has no column '金 額' (did you mean '金額'?)"))
    }

    @Test("run with rejects: exit 65, one summary object per job on stdout, nothing else")
    func runJSON() throws {
        let project = try CLI.scratchProject()
        let result = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "json"], in: project)
        #expect(result.status == 65)
        #expect(result.stderr.isEmpty)
        let summary = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(summary?["run_id"] as? Int == 1)
        #expect(summary?["job"] as? String == "payment-list")
        #expect(summary?["status"] as? String == "completed_with_rejects")
        #expect([summary?["input"], summary?["issued"], summary?["rejected"], summary?["skipped"]].map { $0 as? Int } == [15, 9, 5, 1])
        #expect(summary?["rejects_file"] as? String == ".jimu/out/payment-list/2026-11-21/rejects-run1-payments.csv")
        let outputs = summary?["outputs"] as? [[String: Any]] ?? []
        #expect(outputs.count == 6 && outputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["path"] is String })
    }

    @Test("without --summary a run with rejects prints one line on stderr; runs and show tell the history")
    func quietAndHistory() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(run.status == 65 && run.stdout.isEmpty)
        #expect(run.stderr == "payment-list: 15 read, 9 issued, 5 rejected, 1 skipped; rejects in .jimu/out/payment-list/2026-11-21/rejects-run1-payments.csv\n")
        let runs = try CLI.run(["runs"], in: project.appendingPathComponent("Jobs"))
        #expect(runs.status == 0)
        #expect(runs.stdout.contains("1    payment-list  completed_with_rejects  2026-11-21"))
        let show = try CLI.run(["show", "1"], in: project.appendingPathComponent("Jobs"))
        #expect(show.stdout.contains("read 15 = issued 9 + rejected 5 + skipped 1"))
        #expect(show.stdout.contains("[join] no row in 'payees' has 債権者コード 'P0099'"))
        #expect(show.stdout.contains("payments: Samples/payment-list.csv (15 records, 1184 bytes) sha256 bf8b21fd"))
        let missing = try CLI.run(["show", "99"], in: project.appendingPathComponent("Jobs"))
        #expect(missing.status == 66 && missing.stderr == "error: there is no run 99 in the ledger (see 'jimu runs')\n")
    }

    @Test("a clean run prints nothing and exits 0; a dry run creates no ledger")
    func cleanAndDry() throws {
        let project = try CLI.scratchProject()
        let list = project.appendingPathComponent("Samples/payment-list.csv")
        let lines = try CP932Lines.read(list)
        try CP932Lines.write(Array(lines.prefix(7)), to: list)
        let dry = try CLI.run(["run", "--dry-run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "--summary", "text"], in: project)
        #expect(dry.status == 0)
        #expect(dry.stdout.hasPrefix("payment-list: 6 read, 6 issued, 0 rejected, 0 skipped (dry run: nothing written)"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".jimu").path))
        let real = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(real.status == 0 && real.stdout.isEmpty && real.stderr.isEmpty)
    }

    @Test("operator mistakes get their own exit codes", arguments: [
        (["run", "Jobs/payment-list.yaml", "--input", "paymnts=x.csv"], 78, "--input names unknown input 'paymnts' of job 'payment-list' (did you mean 'payments'?)"),
        (["run", "Jobs/payment-list.yaml", "--input", "payments=nowhere.csv"], 66, "the file given with --input payments= does not exist"),
        (["run", "Jobs/payment-list.yaml", "--as-of", "2026-13-01"], 64, "--as-of '2026-13-01' is not a date written YYYY-MM-DD"),
    ] as [([String], Int32, String)])
    func operatorErrors(arguments: [String], status: Int32, message: String) throws {
        let result = try CLI.run(arguments, in: try CLI.scratchProject())
        #expect(result.status == status)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("a second run of a job while one holds its lock exits 75 and does nothing")
    func locked() throws {
        let project = try CLI.scratchProject()
        let lock = try JobLockHolder(project.appendingPathComponent(".jimu/locks"), job: "payment-list")
        let result = try CLI.run(["run", "Jobs/payment-list.yaml"], in: project)
        #expect(result.status == 75)
        #expect(result.stderr.contains("job 'payment-list' is already running (held by the test); this run did nothing"))
        withExtendedLifetime(lock) {}
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".jimu/out").path))
    }
}

@Suite struct ReportCLITests {
    @Test("jimu report after real runs of the sample jobs: JSON with the documented keys, CP932 CSV, HTML file")
    func report() throws {
        let project = try CLI.scratchProject()
        for job in ["payment-list", "invoice-register"] {
            _ = try CLI.run(["run", "Jobs/\(job).yaml", "--as-of", "2026-11-20"], in: project)
        }
        let json = try CLI.run(["report", "--fiscal-year", "令和8年度", "--as-of", "2026-11-21", "--format", "json"], in: project)
        #expect(json.status == 0, "\(json.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any] ?? [:]
        for key in ["fiscal_year", "target_hours", "saved_hours", "projected_hours", "jobs", "months", "baselines"] {
            #expect(report[key] != nil, "missing \(key)")
        }
        #expect(report["fiscal_year"] as? Int == 2026 && report["organisation"] as? String == "みどり市")
        #expect((report["jobs"] as? [[String: Any]])?.map { $0["job"] as? String } == ["payment-list", "invoice-register"])
        let savedMinutes = (9 * 5 + 10) + 6 * 3
        #expect(abs((report["saved_hours"] as? Double ?? 0) - Double(savedMinutes) / 60) < 1e-9)
        let csv = try CLI.run(["report", "--as-of", "2026-11-21", "--format", "csv", "--encoding", "cp932", "-o", "r.csv"], in: project)
        #expect(csv.status == 0 && csv.stdout.isEmpty)
        let text = try CP932Codec().decode([UInt8](try Data(contentsOf: project.appendingPathComponent("r.csv"))))
        #expect(text.hasPrefix("項目,値\r\n年度,令和8年度\r\n"))
        let html = try CLI.run(["report", "--as-of", "2026-11-21", "--format", "html"], in: project)
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("<svg"))
    }

    @Test("a bad fiscal year or format is a usage error; an empty ledger is a report of zeros")
    func mistakes() throws {
        let project = try CLI.scratchProject()
        let year = try CLI.run(["report", "--fiscal-year", "来年"], in: project)
        #expect(year.status == 64 && year.stderr.contains("--fiscal-year '来年' is not a fiscal year; write e.g. 2026, R8 or 令和8年度"))
        let format = try CLI.run(["report", "--format", "pdf"], in: project)
        #expect(format.status == 64 && format.stderr.contains("unknown format 'pdf'; expected one of text, md, csv, json, html"))
        let empty = try CLI.run(["report", "--as-of", "2026-11-21"], in: project)
        #expect(empty.status == 0 && empty.stdout.contains("削減実績               0.0 時間"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".jimu").path))
    }
}

@Suite struct ScheduleCLITests {
    @Test("jimu cron prints one crontab entry with absolute paths; jimu tick runs a job only when due")
    func cronAndTick() throws {
        let project = try CLI.scratchProject()
        let cron = try CLI.run(["cron", "Jobs/payment-list.yaml", "Jobs/invoice-register.yaml"], in: project)
        #expect(cron.status == 0)
        let line = cron.stdout.split(separator: "\n").first { $0.hasPrefix("* * * * * ") }.map(String.init) ?? ""
        #expect(line.contains("cd '\(project.path)' && TZ='Asia/Tokyo' LANG=C.UTF-8 PATH=/usr/local/bin:/usr/bin:/bin '"))
        #expect(line.hasSuffix("tick '\(project.path)/Jobs/payment-list.yaml' '\(project.path)/Jobs/invoice-register.yaml'"))
        #expect(cron.stdout.hasPrefix("# BEGIN jimu") && cron.stdout.hasSuffix("# END jimu\n"))
        let early = try CLI.run(["tick", "--now", "2026-11-24T07:00", "Jobs/payment-list.yaml"], in: project)
        #expect(early.status == 0 && early.stderr.isEmpty)
        let due = try CLI.run(["tick", "--now", "2026-11-24T07:30", "Jobs/payment-list.yaml"], in: project)
        #expect(due.status == 65)
        #expect(due.stderr == "2026-11-24T07:30: payment-list: 15 read, 9 issued, 5 rejected, 1 skipped; rejects in .jimu/out/payment-list/2026-11-24/rejects-run1-payments.csv\n")
        let holiday = try CLI.run(["tick", "--now", "2026-11-23T07:30", "Jobs/payment-list.yaml"], in: project)
        #expect(holiday.status == 0 && holiday.stderr.isEmpty)
        let runs = try CLI.run(["runs", "--format", "json"], in: project)
        #expect((try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [Any])?.count == 1)
    }

    @Test("the README's own glob Jobs/*.yaml takes in jimu.yaml: cron leaves it out with a note, tick and run pass over it quietly, check checks it as the config")
    func globWithProjectConfig() throws {
        let project = try CLI.scratchProject()
        let jobs = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("Jobs").path)
            .filter { $0.hasSuffix(".yaml") }.sorted().map { "Jobs/\($0)" }
        #expect(jobs.contains("Jobs/jimu.yaml"))
        let cron = try CLI.run(["cron"] + jobs, in: project)
        #expect(cron.status == 0)
        #expect(cron.stderr == "note: Jobs/jimu.yaml is the project config, not a job: left out of the entry\n")
        #expect(!cron.stdout.contains("jimu.yaml"))
        let tick = try CLI.run(["tick", "--now", "2026-11-24T07:00"] + jobs, in: project)
        #expect(tick.status == 0 && tick.stderr.isEmpty, "\(tick.stderr)")
        let check = try CLI.run(["check"] + jobs, in: project)
        #expect(check.status == 0 && check.stderr.isEmpty, "\(check.stderr)")
        let broken = project.appendingPathComponent("Jobs/jimu.yaml")
        try (try String(contentsOf: broken, encoding: .utf8) + "target_hourz: 1\n").write(to: broken, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["check"] + jobs, in: project)
        #expect(refused.status == 78 && refused.stderr.contains("Jobs/jimu.yaml:"), "\(refused.stderr)")
    }
}

@Suite struct NotificationCLITests {
    @Test("rejects and failures notify: the command gets the JSON on stdin, the webhook gets it as a POST")
    func notify() throws {
        let project = try CLI.scratchProject()
        let listener = try HTTPListener()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + """
            notify:
              on: [failure, rejects]
              command: "cat >> notices.jsonl; echo >> notices.jsonl"
              webhook: "http://127.0.0.1:\(listener.port)/hooks/jimu"

            """).write(to: config, atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        #expect(run.status == 65)
        let request = try #require(listener.waitForRequest())
        #expect(request.hasPrefix("POST /hooks/jimu HTTP/1.1"))
        #expect(request.contains("\"event\":\"rejects\"") && request.contains("\"rejected\":5"))
        try FileManager.default.removeItem(at: project.appendingPathComponent("Samples/payees.csv"))
        let failed = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-22"], in: project)
        #expect(failed.status == 66)
        let notices = try String(contentsOf: project.appendingPathComponent("notices.jsonl"), encoding: .utf8)
            .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(notices.map { $0["event"] as? String } == ["rejects", "failure"])
        #expect((notices[0]["summary"] as? [String: Any])?["issued"] as? Int == 9)
        #expect((notices[1]["message"] as? String)?.contains("input 'payees' does not exist") == true)
    }
}

@Suite struct LogCLITests {
    @Test("--log-format json --log-file: one JSON object per line, appended to a 0600 file; stderr keeps the summary only")
    func jsonLogFile() throws {
        let project = try CLI.scratchProject()
        // An existing log that others could read (made by hand, or by logrotate) is made 0600 too.
        FileManager.default.createFile(atPath: project.appendingPathComponent("run.log").path, contents: nil, attributes: [.posixPermissions: 0o644])
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21", "-v", "--log-format", "json", "--log-file", "run.log"], in: project)
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("payment-list: 15 read, 9 issued, 5 rejected, 1 skipped"))
        let lines = try String(contentsOf: project.appendingPathComponent("run.log"), encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(objects.filter { $0["message"] as? String == "rejected" }.count == 5)
        #expect(objects.filter { $0["message"] as? String == "skipped" }.count == 1)
        let first = try #require(objects.first { $0["message"] as? String == "rejected" })
        #expect((first["metadata"] as? [String: String])?["at"] == "Samples/payment-list.csv:8")
        #expect(first["level"] as? String == "info")
        #expect((first["metadata"] as? [String: String]).map { [$0["job"], $0["run"]] } == ["payment-list", "1"])
        let mode = try FileManager.default.attributesOfItem(atPath: project.appendingPathComponent("run.log").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test("a run that fails is in the log file as well as on stderr")
    func fatalInLogFile() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "Jobs/payment-list.yaml", "--input", "payments=nowhere.csv", "--log-file", "run.log"], in: project)
        #expect(run.status == 66)
        let log = try String(contentsOf: project.appendingPathComponent("run.log"), encoding: .utf8)
        #expect(log.contains(" error jimu: failed ") && log.contains("job=payment-list") && log.contains("nowhere.csv"), "\(log)")
    }
}

@Suite struct MetricsCLITests {
    @Test("metrics_file: a Prometheus textfile with the latest run per job and the hours saved, rewritten after runs")
    func prometheus() throws {
        let project = try CLI.scratchProject()
        let config = project.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + "metrics_file: .jimu/jimu.prom\n").write(to: config, atomically: true, encoding: .utf8)
        _ = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-21"], in: project)
        _ = try CLI.run(["run", "Jobs/invoice-register.yaml", "--as-of", "2026-11-21"], in: project)
        let text = try String(contentsOf: project.appendingPathComponent(".jimu/jimu.prom"), encoding: .utf8)
        #expect(text.contains("# TYPE jimu_last_run_ok gauge"))
        #expect(text.contains("jimu_last_run_ok{job=\"payment-list\",status=\"completed_with_rejects\"} 1"))
        #expect(text.contains("jimu_last_run_records{job=\"invoice-register\",outcome=\"issued\"} 6"))
        #expect(text.contains("jimu_saved_hours{job=\"payment-list\",fiscal_year=\"2026\"} 0.917"))
        #expect(text.contains("jimu_target_hours 2000.0"))
        #expect(!FileManager.default.fileExists(atPath: project.appendingPathComponent(".jimu/.jimu.prom.tmp").path))
    }
}

@Suite struct CronInstallTests {
    @Test("jimu cron --install merges the entry into the crontab once, keeping the user's own lines")
    func install() throws {
        let project = try CLI.scratchProject()
        let table = project.appendingPathComponent("crontab.txt")
        try "MAILTO=it@example.invalid\n0 3 * * * /usr/local/bin/backup\n".write(to: table, atomically: true, encoding: .utf8)
        let fake = project.appendingPathComponent("fake-crontab")
        try """
            #!/bin/sh
            if [ "$1" = "-l" ]; then cat '\(table.path)'; else cat > '\(table.path)'; fi
            """.write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        for _ in 0..<2 {
            let result = try CLI.run(["cron", "--install", "Jobs/payment-list.yaml"], in: project, environment: ["JIMU_CRONTAB": fake.path])
            #expect(result.status == 0 && result.stderr == "installed: jimu tick runs every minute for 1 job file\n")
        }
        let text = try String(contentsOf: table, encoding: .utf8)
        #expect(text.hasPrefix("MAILTO=it@example.invalid\n0 3 * * * /usr/local/bin/backup\n# BEGIN jimu"))
        #expect(text.components(separatedBy: "# BEGIN jimu").count == 2)
        #expect(text.contains("tick '\(project.path)/Jobs/payment-list.yaml'"))
    }

    @Test("a working folder deleted under the shell: a clear error and exit 78, never a hang")
    func deletedWorkingFolder() throws {
        let project = try CLI.scratchProject()
        let gone = project.appendingPathComponent("gone")
        let script = "mkdir '\(gone.path)' && cd '\(gone.path)' && rmdir '\(gone.path)' && exec timeout 20 '\(CLI.binary.path)' run Jobs/payment-list.yaml"
        let run = try CLI.run(["-c", script], in: project, executable: "/bin/sh")
        #expect(run.status == 78)
        #expect(run.stderr.contains("error: the current folder no longer exists"))
    }
}

@Suite struct ProgressCLITests {
    @Test("on a terminal, a run shows count, share and rate as it goes, and erases the line before its summary",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressLine() throws {
        let project = try CLI.scratchProject()
        var lines = try CP932Lines.read(project.appendingPathComponent("Samples/payment-list.csv"))
        let rows = Array(lines.dropFirst())
        lines += (0..<20_000).map { rows[$0 % rows.count] }
        try CP932Lines.write(lines, to: project.appendingPathComponent("Samples/payment-list.csv"))
        // script(1) gives the run a terminal, as an operator's shell would.
        let command = "'\(CLI.binary.path)' run Jobs/payment-list.yaml --as-of 2026-11-24"
        let result = try CLI.run(["-qec", command, "/dev/null"], in: project, executable: "/usr/bin/script")
        let shown = result.stdout
        #expect(shown.contains("\r\u{1B}[Kpayment-list: 32 records"), "\(shown.prefix(300))")
        #expect(shown.range(of: #"payment-list: [0-9,]+ records · [0-9]+ %"#, options: .regularExpression) != nil)
        let end = try #require(shown.range(of: "\r\u{1B}[K", options: .backwards))
        #expect(shown[end.upperBound...].hasPrefix("payment-list: 20015 read"), "\(shown.suffix(200))")
        let plain = try CLI.run(["run", "Jobs/payment-list.yaml", "--as-of", "2026-11-25"], in: project)
        #expect(!plain.stderr.contains("\u{1B}"), "no progress without a terminal")
    }

    @Test("--version prints the version and the build")
    func version() throws {
        let result = try CLI.run(["--version"], in: URL(fileURLWithPath: "/tmp"))
        #expect(result.status == 0 && result.stdout == "0.1.0 (development build)\n", "\(result.stdout)")
    }
}
