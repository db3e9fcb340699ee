import ArgumentParser
import JimuKit

/// The sysexits codes Jimu uses, so cron wrappers and monitoring can tell failures apart.
enum ExitStatus: Int32, Comparable {
    case ok = 0
    case internalError = 1
    case dataError = 65
    case noInput = 66
    case ioError = 74
    case temporaryFailure = 75
    case noPermission = 77
    case configurationError = 78

    static func < (lhs: ExitStatus, rhs: ExitStatus) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The status an error ends a job with.
    init(_ error: Error) {
        switch error {
        case is ConfigurationError, is LedgerRefused: self = .configurationError
        case let error as InputError: self = error.missing ? .noInput : .dataError
        case is OutputError: self = .ioError
        case is ApprovalRefused: self = .noPermission
        case let error as LedgerError where error.unwritable: self = .ioError
        case is JobLock.Busy, is LedgerError, is Interrupted: self = .temporaryFailure
        default: self = .internalError
        }
    }

    /// Ends the process with this status.
    func exit() throws -> Never {
        throw ExitCode(rawValue)
    }
}
