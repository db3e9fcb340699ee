import JimuSpec

/// Decides which slots of a schedule are due, without running anything: given the schedule, the
/// last slot the ledger records and the current minute, it returns the slots to run now.
public struct SchedulePlanner: Sendable {
    let schedule: ScheduleSpec
    let calendar: BusinessCalendar

    /// Creates a planner; `calendar` decides business days (offices by default).
    public init(schedule: ScheduleSpec, calendar: BusinessCalendar = .office) {
        self.schedule = schedule
        self.calendar = calendar
    }

    /// The slots to run now, oldest first.
    /// - Parameters:
    ///   - last: the newest slot already run (or passed over); nil for a job never ticked, which
    ///     runs only a slot of the current minute.
    ///   - now: the current minute in the project's time zone.
    public func due(after last: ScheduleSlot?, now: ScheduleSlot) -> [ScheduleSlot] {
        let windowStart = now.minutes - schedule.catchUpHours * 60
        let missed = slots(from: now.date.adding(days: -(schedule.catchUpHours / 24 + 1)), through: now.date).filter { slot in
            slot <= now && slot.minutes >= windowStart && slot > (last ?? now.previousMinute)
        }
        if last == nil || schedule.catchUp == .skip { return missed.filter { $0 == now } }
        return schedule.catchUp == .latest ? Array(missed.suffix(1)) : missed
    }

    /// Every slot of the days from `first` through `last`, in order.
    public func slots(from first: LocalDate, through last: LocalDate) -> [ScheduleSlot] {
        var found: [ScheduleSlot] = []
        var day = first
        while day <= last {
            found += slots(on: day)
            day = day.adding(days: 1)
        }
        return found
    }

    private func slots(on day: LocalDate) -> [ScheduleSlot] {
        var found: Set<ScheduleSlot> = []
        if !schedule.businessDaysOnly || calendar.isBusinessDay(day) {
            for cron in schedule.cron where cron.matchesDay(month: day.month, day: day.day, weekday: day.weekday) {
                for time in cron.times { found.insert(ScheduleSlot(date: day, hour: time.hour, minute: time.minute)) }
            }
        }
        if let nth = schedule.businessDay {
            let days = calendar.businessDays(year: day.year, month: day.month)
            let target = nth == -1 ? days.last : (nth <= days.count ? days[nth - 1] : nil)
            if target == day { found.insert(ScheduleSlot(date: day, hour: schedule.at.hour, minute: schedule.at.minute)) }
        }
        return found.sorted()
    }
}

extension ScheduleSlot {
    /// The minute before.
    var previousMinute: ScheduleSlot {
        let total = minutes - 1
        return ScheduleSlot(date: LocalDate(daysSinceEpoch: total / 1440), hour: total % 1440 / 60, minute: total % 60)
    }
}
