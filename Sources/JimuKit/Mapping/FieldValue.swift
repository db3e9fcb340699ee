/// A typed value of a record field.
enum FieldValue: Sendable, Hashable {
    /// No value (an empty cell).
    case empty
    /// Text.
    case text(String)
    /// A whole number (also yen amounts).
    case integer(Int)
    /// A calendar date.
    case date(LocalDate)

    /// The canonical text: the text itself, `1234`, `2026-04-01`, or an empty string.
    var text: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .integer(let value): String(value)
        case .date(let date): date.iso
        }
    }

    /// The number, when the value is one.
    var integer: Int? {
        if case .integer(let value) = self { value } else { nil }
    }

    /// Whether the value is empty.
    var isEmpty: Bool {
        switch self {
        case .empty: true
        case .text(let text): text.isEmpty
        default: false
        }
    }
}

/// A reason a record is not issued, in two spellings: with values for the rejects file (itself
/// personal data, created 0600), and with personal values masked for logs, the ledger and `jimu show`.
struct Rejection: Error, Sendable, Equatable {
    /// The field concerned, if any.
    var field: String?
    /// The rule or stage that failed: `input`, `join`, `type`, `required`, `min`, ….
    var rule: String
    /// The full reason, values included.
    var message: String
    /// The reason with personal values masked.
    var maskedMessage: String

    /// The rule of a record that a `select:` check leaves out: it is skipped, not rejected.
    static let unselected = "select"

    /// Creates a rejection whose message holds no personal value.
    init(field: String? = nil, rule: String, message: String) {
        self.init(field: field, rule: rule, message: message, maskedMessage: message)
    }

    /// Creates a rejection with separate clear and masked messages.
    init(field: String?, rule: String, message: String, maskedMessage: String) {
        self.field = field
        self.rule = rule
        self.message = message
        self.maskedMessage = maskedMessage
    }

    /// One rejection holding all reasons (field and rule of the first), or nil when there are none.
    static func combining(_ rejections: [Rejection]) -> Rejection? {
        guard let first = rejections.first else { return nil }
        return Rejection(
            field: first.field, rule: first.rule, message: rejections.map(\.message).joined(separator: "; "),
            maskedMessage: rejections.map(\.maskedMessage).joined(separator: "; "))
    }

    /// Builds a rejection that quotes a value, masked when it is personal.
    static func quoting(
        _ value: String, personal: Bool, field: String?, rule: String, _ sentence: (String) -> String
    ) -> Rejection {
        Rejection(
            field: field, rule: rule, message: sentence("'\(value)'"),
            maskedMessage: sentence(personal ? "'\(Masking.mask(value))'" : "'\(value)'"))
    }
}

/// Masking of personal values for logs and screens.
enum Masking {
    /// `山田太郎` → `山***`; one character or digits only → `***`.
    static func mask(_ value: String) -> String {
        guard value.count > 1, let first = value.first, !first.isNumber else { return "***" }
        return "\(first)***"
    }
}
