/// The counts of a run; every record read ends in exactly one of issued, rejected or skipped.
struct RunCounts {
    var input = 0
    var issued = 0
    var rejected = 0
    var skipped = 0

    var balanced: Bool { input == issued + rejected + skipped }
}
