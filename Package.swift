// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Jimu",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "jimu", targets: ["jimu"]),
        .library(name: "JimuKit", targets: ["JimuKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(name: "CCurlLoader"),
        .target(
            name: "JimuSpec",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "JimuKit",
            dependencies: [
                "JimuSpec",
                "CLibXML2",
                "CPangoCairo",
                "CCurlLoader",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "jimu",
            dependencies: [
                "JimuKit",
                "JimuSpec",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "JimuTestSupport",
            dependencies: ["JimuKit", "JimuSpec"],
            path: "Tests/JimuTestSupport"
        ),
        // Fixtures and golden files are read by path (#filePath), not bundled as resources.
        .testTarget(name: "JimuSpecTests", dependencies: ["JimuSpec", "JimuTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "JimuKitTests",
            dependencies: ["JimuKit", "JimuTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: [
                "Japanese/Fixtures", "Renderers/Golden", "Pipeline/Golden", "Reports/Golden",
            ]
        ),
        .testTarget(
            name: "JimuCLITests",
            dependencies: ["JimuKit", "JimuTestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Golden"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
