import Foundation
@testable import JimuKit
import JimuTestSupport
import Testing

/// The property-inquiry job as the collection section runs it: the delinquent list and the inquiry
/// targets into one letter per person × bank branch, bundled per branch behind a cover sheet, with
/// mailing labels and the 照会簿.
@Suite struct PropertyInquiryTests {
    static func day(_ project: URL, _ date: String) -> URL {
        project.appendingPathComponent(".jimu/out/property-inquiries/\(date)")
    }

    static func bytes(_ url: URL) -> [UInt8] {
        FileManager.default.contents(atPath: url.path).map { [UInt8]($0) } ?? []
    }

    static func run(_ project: URL, on date: String) throws -> CLI.Result {
        try CLI.run(["run", "Jobs/property-inquiries.yaml", "--as-of", date], in: project)
    }

    @Test("300 people: 689 letters in 6 branch bundles, 12 rejected with reasons, 300 under the 滞納額 minimum skipped")
    func letters() throws {
        let project = try CLI.scratchProject()
        let run = try Self.run(project, on: "2026-11-24")
        #expect(run.status == 65)
        #expect(run.stderr == "property-inquiries: 1001 read, 689 issued, 12 rejected, 300 skipped; rejects in .jimu/out/property-inquiries/2026-11-24/rejects-run1-delinquents.csv\n")
        let out = Self.day(project, "2026-11-24")
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("shokaibo-run1.csv")), "Golden/property-inquiries/shokaibo.csv")
        // 課長決裁 before mailing: the labels come with the release of the approved inquiries.
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("mailing-labels-run1.csv").path))
        let approve = try CLI.run(["approve", "Jobs/property-inquiries.yaml", "--run", "1"], in: project, environment: ["SUDO_USER": "nouzei-kacho"])
        #expect(approve.status == 0 && approve.stdout.hasSuffix("689 named, 689 approved, 0 refused, 0 unchanged\n"), "\(approve.stderr)")
        let release = try CLI.run(["release", "Jobs/property-inquiries.yaml", "--as-of", "2026-11-24"], in: project)
        #expect(release.status == 0, "\(release.stderr)")
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("mailing-labels-run3.csv")), "Golden/property-inquiries/mailing-labels.csv")
        Golden.assertEqual(Self.bytes(out.appendingPathComponent("rejects-run1-delinquents.csv")), "Golden/property-inquiries/rejects.csv")

        // One bundle per branch: cover pages first, then 照会書 + 回答書 per letter.
        let bundles = out.appendingPathComponent("bundles")
        let letters = ["0001-001": 28, "0005-123": 206, "0009-456": 206, "0010-300": 206, "0017-081": 20, "9900-018": 23]
        #expect(try FileManager.default.contentsOfDirectory(atPath: bundles.path).sorted() == letters.keys.sorted().map { "\($0)-run1.pdf" })
        #expect(letters.values.reduce(0, +) == 689)
        for (branch, count) in letters {
            let pdf = bundles.appendingPathComponent("\(branch)-run1.pdf")
            let covers = (count + 149) / 150  // 5 columns × 30 lines of 照会番号 a page
            #expect(try PDFText.pages(pdf) == covers + 2 * count, "\(branch)")
            #expect(try FileManager.default.attributesOfItem(atPath: pdf.path)[.posixPermissions] as? Int == 0o600)
        }
        // pdftotext gives 　 as spaces: compare with runs of spaces as one.
        let pages = try PDFText.pages(of: bundles.appendingPathComponent("0005-123-run1.pdf")).map {
            $0.split(whereSeparator: { $0 == " " || $0 == "　" }).joined(separator: " ")
        }
        for expected in ["送付書", "株式会社三菱ＵＦＪ銀行 みどり市役所 御中", "206 通", "照会番号（1/2枚目）", "2026-000001", "2026-000005"] {
            #expect(pages[0].contains(expected), "cover lacks \(expected)")
        }
        #expect(pages[1].contains("照会番号（2/2枚目）") && !pages[1].contains("2026-000001"))
        let letter = pages[2], reply = pages[3]
        #expect(letter.contains("株式会社三菱ＵＦＪ銀行 みどり市役所 御中"), "the letter is addressed by the bank's formal name")
        for expected in ["み納収第1号", "令和8年11月24日", "預貯金等の照会について", "みどり市長 緑川 一郎", "（公印省略）",
                         "地方税法第373条第7項（固定資産税）において準用する国税徴収法第141条", "2026-000001", "鈴木 美咲",
                         "スズキ ミサキ", "昭和21年2月2日生", "東京都みどり市桜町二丁目2番2号", "令和8年12月14日", "042-000-1234"] {
            #expect(letter.contains(expected), "letter lacks \(expected)")
        }
        for expected in ["回答書", "2026-000001", "み納収第1号（令和8年11月24日付け）", "鈴木 美咲", "三菱ＵＦＪ みどり市役所"] {
            #expect(reply.contains(expected), "reply form lacks \(expected)")
        }
        // Both taxes cited when a person owes both; 元年 and the era boundaries in birth dates.
        let all = pages.joined(separator: "\n")
        #expect(all.contains("地方税法第331条第6項（市町村民税）、地方税法第373条第7項（固定資産税）において準用する"))
        #expect(all.contains("昭和64年1月7日生") && all.contains("平成元年1月8日生"))
    }

    @Test("a branch is not asked about the same person again within 90 days; on day 90 it is, numbers continuing")
    func window() throws {
        let project = try CLI.scratchProject()
        _ = try Self.run(project, on: "2026-11-24")
        let early = try Self.run(project, on: "2027-02-21")
        #expect(early.stderr.hasPrefix("property-inquiries: 1001 read, 0 issued, 12 rejected (none new), 989 skipped"))
        let again = try Self.run(project, on: "2027-02-22")
        #expect(again.stderr.hasPrefix("property-inquiries: 1001 read, 689 issued, 12 rejected (none new), 300 skipped"))
        let register = try String(contentsOf: Self.day(project, "2027-02-22").appendingPathComponent("shokaibo-run3.csv"), encoding: .utf8)
        let first = register.split(separator: "\r\n").dropFirst().first ?? ""
        #expect(first.hasPrefix("2026-000690,み納収第690号,00100037,"), "令和8年度 numbering continues")
        #expect(first.contains(",2027-02-22,2027-03-15,回答待ち,"), "14 office business days after 2/22, 2/23 天皇誕生日 skipped")
    }

    @Test("year end: the reply deadline skips 12/29–1/3 and the New Year holidays")
    func yearEnd() throws {
        let project = try CLI.scratchProject()
        _ = try Self.run(project, on: "2026-12-25")
        let register = try String(contentsOf: Self.day(project, "2026-12-25").appendingPathComponent("shokaibo-run1.csv"), encoding: .utf8)
        // 12/28, then 1/4–1/8 and 1/12 onwards (1/11 成人の日): the 14th office day after Friday 12/25 is 1/21.
        #expect(register.contains(",2026-12-25,2027-01-21,回答待ち,"))

        // An office closed 12/28–1/4 (office_closed in jimu.yaml) counts from 1/5: the 14th day is 1/25.
        let other = try CLI.scratchProject()
        let config = other.appendingPathComponent("Jobs/jimu.yaml")
        try (String(contentsOf: config, encoding: .utf8) + "office_closed: \"12-28..01-04\"\n").write(to: config, atomically: true, encoding: .utf8)
        _ = try Self.run(other, on: "2026-12-25")
        let longer = try String(contentsOf: Self.day(other, "2026-12-25").appendingPathComponent("shokaibo-run1.csv"), encoding: .utf8)
        #expect(longer.contains(",2026-12-25,2027-01-25,回答待ち,"))
    }

    @Test("max_records splits a bundle into volumes, each finished when full and with its own 送付書")
    func volumes() throws {
        let project = try CLI.scratchProject()
        let job = project.appendingPathComponent("Jobs/property-inquiries.yaml")
        try String(contentsOf: job, encoding: .utf8).replacingOccurrences(of: "max_records: 1000", with: "max_records: 100")
            .write(to: job, atomically: true, encoding: .utf8)
        _ = try Self.run(project, on: "2026-11-24")
        let bundles = Self.day(project, "2026-11-24").appendingPathComponent("bundles")
        let counts = try ["0005-123-run1.pdf", "0005-123-run1-2.pdf", "0005-123-run1-3.pdf"].map {
            try PDFText.pages(bundles.appendingPathComponent($0))
        }
        #expect(counts == [201, 201, 13], "100 + 100 + 6 letters of 0005:123, a cover page each")
        let third = try PDFText.pages(of: bundles.appendingPathComponent("0005-123-run1-3.pdf"))
        #expect(third[0].contains("送付書") && third[0].contains("6 通"))
    }

    @Test("personal data stays out of logs, even verbose ones")
    func masking() throws {
        let project = try CLI.scratchProject()
        let run = try CLI.run(["run", "Jobs/property-inquiries.yaml", "--as-of", "2026-11-24", "--verbose"], in: project)
        #expect(run.stderr.contains("my_number: '***' is not a valid 個人番号"))
        #expect(run.stderr.contains("birth: '平***' is before 平成 began"))
        for personal in ["鈴木", "美咲", "スズキ", "桜町", "平成元年1月5日", "S21.2.2"] {
            #expect(!run.stderr.contains(personal), "log shows \(personal)")
        }
    }

    @Test("a birth date after the 照会日 is rejected without showing it; a 納期限 not yet passed is skipped with its reason in jimu show")
    func birthAndDue() throws {
        let project = try CLI.scratchProject()
        let list = project.appendingPathComponent("Samples/delinquents.csv")
        var rows = try CP932Lines.read(list)
        rows[1] = rows[1].replacingOccurrences(of: ",S21.2.2,", with: ",令和9年1月1日,")
        rows[3] = rows[3].replacingOccurrences(of: ",2026/09/30,", with: ",2026/12/31,")
        try CP932Lines.write(rows, to: list)
        let run = try Self.run(project, on: "2026-11-24")
        #expect(run.status == 65)
        let rejects = try CP932Lines.read(Self.day(project, "2026-11-24").appendingPathComponent("rejects-run1-delinquents.csv"))
        let births = rejects.filter { $0.contains("birth: 生年月日が照会日より後（入力誤り）") }
        #expect(!births.isEmpty && births.allSatisfy { $0.hasPrefix("00100037,") }, "\(rejects)")
        let show = try CLI.run(["show", "1"], in: project)
        #expect(show.stdout.contains("Samples/delinquents.csv:4 × Samples/inquiry-targets.xml"), "\(show.stdout)")
        #expect(show.stdout.contains("not selected: due: 納期限が照会日より前でない（まだ滞納ではない）"))
        #expect(!show.stdout.contains("令和9年1月1日") && !run.stderr.contains("令和9年1月1日"))
    }
}
