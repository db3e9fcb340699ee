/// The crontab entry that drives Jimu: one line running `jimu tick` every minute, between marker
/// comments so `jimu cron --install` can replace it without touching anything else.
public enum Crontab {
    static let begin = "# BEGIN jimu"
    static let end = "# END jimu"

    /// The block for a set of job files.
    /// - Parameters:
    ///   - executable: the absolute path of the jimu binary.
    ///   - folder: the folder to run in (job paths may be relative to it).
    ///   - jobs: the job files.
    ///   - timeZone: the project's time zone, exported for the jobs.
    public static func block(executable: String, folder: String, jobs: [String], timeZone: String) -> String {
        let words = ["cd", quote(folder), "&&", "TZ=\(quote(timeZone))", "LANG=C.UTF-8",
                     "PATH=/usr/local/bin:/usr/bin:/bin", quote(executable), "tick"] + jobs.map(quote)
        // cron turns an unescaped % of a command into a line break, quoted or not.
        let command = String(words.joined(separator: " ").flatMap { $0 == "%" ? ["\\", "%"] : [$0] })
        return """
            \(begin): managed by 'jimu cron --install'; change the jobs' schedule: keys, not this block
            # jimu tick runs every minute and starts each job when its schedule is due (\(timeZone),
            # Japanese business calendar, catch-up of missed slots). Quiet on success: cron mails only problems.
            * * * * * \(command)
            \(end)

            """
    }

    /// `existing` with any earlier Jimu block replaced by `block` (appended when there was none).
    public static func merge(existing: String, block: String) -> String {
        var kept: [Substring] = []
        var inside = false
        for line in existing.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix(begin) { inside = true; continue }
            if inside { if line.hasPrefix(end) { inside = false }; continue }
            kept.append(line)
        }
        while kept.last?.isEmpty == true { kept.removeLast() }
        let head = kept.joined(separator: "\n")
        return (head.isEmpty ? "" : head + "\n") + block
    }

    /// Single-quotes a shell word.
    static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
