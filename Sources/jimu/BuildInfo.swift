/// What `jimu --version` prints. `make deb` stamps `build` with the commit, the date and the
/// toolchain (packaging/build-deb); a development build says so.
enum BuildInfo {
    static let version = "0.1.0"
    static let build = "development build"

    static var description: String { "\(version) (\(build))" }
}
