// swift-tools-version: 6.0
// Fuzz harnesses (libFuzzer) for the parsers that read what users and other systems hand Jimu.
// Build and run: see README.md beside this file, or `make fuzz`.
import PackageDescription

let harness = { (name: String) in
    Target.executableTarget(
        name: name,
        dependencies: [
            "FuzzSupport",
            .product(name: "JimuKit", package: "Jimu"),
            .product(name: "Mustache", package: "swift-mustache"),
        ])
}

let package = Package(
    name: "JimuFuzz",
    dependencies: [
        .package(name: "Jimu", path: ".."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [.target(name: "FuzzSupport")] + ["FuzzCSV", "FuzzXML", "FuzzJobFile", "FuzzTemplate"].map(harness),
    swiftLanguageModes: [.v6]
)
