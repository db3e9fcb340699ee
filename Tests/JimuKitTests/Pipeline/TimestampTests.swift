import Foundation
@testable import JimuKit
import Testing

@Suite struct TimestampTests {
    @Test("instants are written as ISO8601DateFormatter writes them, in zones east, west and on UTC, before and after 1970")
    func likeFoundation() throws {
        let zones = ["Asia/Tokyo", "UTC", "America/New_York", "Asia/Kolkata", "America/St_Johns", "Pacific/Chatham"]
        let instants: [TimeInterval] = [0, -0.5, -86_401, 1_795_161_600, 1_795_161_599.999, 1_582_934_400, 951_782_400, 4_107_542_399]
        for name in zones {
            let zone = try #require(TimeZone(identifier: name))
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = zone
            for seconds in instants {
                let date = Date(timeIntervalSince1970: seconds)
                #expect(Timestamp.iso8601(date, in: zone) == formatter.string(from: date), "\(name) \(seconds)")
            }
        }
        #expect(Timestamp.iso8601(Date(timeIntervalSince1970: 1_795_161_600), in: TimeZone(identifier: "Asia/Tokyo")!) == "2026-11-20T17:00:00+09:00")
    }
}
