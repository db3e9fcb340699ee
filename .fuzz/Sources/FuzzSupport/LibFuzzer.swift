import Foundation

/// libFuzzer's driver, called from each harness's `main` (SwiftPM renames an executable's `main`,
/// so libFuzzer's own cannot be used).
public enum LibFuzzer {
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ callback: Callback) -> CInt {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        return LLVMFuzzerRunDriver(&argc, &argv, callback)
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: LibFuzzer.Callback
) -> CInt

/// The one file a harness hands its input to readers through, rewritten for every input.
public enum ScratchFile {
    nonisolated(unsafe) private static var urls: [String: URL] = [:]

    /// Writes the bytes to this process's scratch file with that extension.
    public static func write(_ bytes: some Sequence<UInt8>, suffix: String) -> URL {
        let url = urls[suffix] ?? URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("jimu-fuzz-\(getpid()).\(suffix)")
        urls[suffix] = url
        try? Data(bytes).write(to: url)
        return url
    }
}
