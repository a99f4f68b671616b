// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "weir",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "weir", targets: ["weir"]),
        .library(name: "ConfigDiagnostics", targets: ["ConfigDiagnostics"]),
        .library(name: "HAProxyConfig", targets: ["HAProxyConfig"]),
        .library(name: "KeepalivedConfig", targets: ["KeepalivedConfig"]),
        .library(name: "ConfigCheck", targets: ["ConfigCheck"]),
        .library(name: "ConfigYAML", targets: ["ConfigYAML"]),
        .library(name: "ConfigValues", targets: ["ConfigValues"]),
        .library(name: "RuntimePlan", targets: ["RuntimePlan"]),
        .library(name: "RuntimePlanner", targets: ["RuntimePlanner"]),
        .library(name: "ProxyEngine", targets: ["ProxyEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.0.0"),
        .package(url: "https://github.com/apple/swift-nio-http2", from: "1.46.0"),
        // Already in the graph through swift-certificates; the `sha1`, `sha2`, `digest` and `hmac` converters use it.
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"6.0.0"),
    ],
    targets: [
        .target(name: "ConfigDiagnostics"),
        .target(name: "ConfigGrammar"),
        .target(name: "ConfigValues"),
        .target(
            name: "TLSMaterial",
            dependencies: [.product(name: "X509", package: "swift-certificates"), .product(name: "SwiftASN1", package: "swift-asn1")]
        ),
        .target(name: "HAProxyConfig", dependencies: ["ConfigDiagnostics", "ConfigGrammar", "ConfigValues"]),
        .target(name: "KeepalivedConfig", dependencies: ["ConfigDiagnostics", "ConfigGrammar"]),
        .target(
            name: "ConfigCheck",
            dependencies: [
                "ConfigDiagnostics", "ConfigGrammar", "ConfigValues", "HAProxyConfig", "KeepalivedConfig", "TLSMaterial",
                .product(name: "X509", package: "swift-certificates"),
            ]
        ),
        .target(
            name: "ConfigYAML",
            dependencies: ["ConfigDiagnostics", "HAProxyConfig", "KeepalivedConfig", .product(name: "Yams", package: "Yams")]
        ),
        // The plan (what the engine reads) does not depend on the parser; the planner, which projects the parsed
        // configuration and its semantic layer onto it, is its own module in its Planner directory.
        .target(
            name: "RuntimePlan", dependencies: ["ConfigDiagnostics", "ConfigValues", .product(name: "Crypto", package: "swift-crypto")],
            exclude: ["Planner"]
        ),
        .target(
            name: "RuntimePlanner", dependencies: ["ConfigDiagnostics", "ConfigValues", "HAProxyConfig", "RuntimePlan", "TLSMaterial"],
            path: "Sources/RuntimePlan/Planner"
        ),
        .systemLibrary(name: "CEpoll"),
        .systemLibrary(name: "CAffinity"),
        .systemLibrary(name: "CMalloc"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "ProxyEngine",
            dependencies: [
                "RuntimePlan", "CEpoll", "CZlib", "TLSMaterial",
                .product(name: "Atomics", package: "swift-atomics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTP2", package: "swift-nio-http2"),
            ]
        ),
        .executableTarget(
            name: "weir",
            dependencies: [
                "ConfigDiagnostics", "HAProxyConfig", "KeepalivedConfig", "ConfigYAML", "ConfigCheck", "RuntimePlan", "RuntimePlanner", "ProxyEngine",
                "CAffinity", "CMalloc",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "WeirTestSupport", path: "Tests/WeirTestSupport"),
        .testTarget(name: "ConfigDiagnosticsTests", dependencies: ["ConfigDiagnostics"]),
        .testTarget(name: "ConfigGrammarTests", dependencies: ["ConfigGrammar"]),
        .testTarget(name: "HAProxyConfigTests", dependencies: ["HAProxyConfig", "ConfigGrammar", "WeirTestSupport"]),
        .testTarget(name: "KeepalivedConfigTests", dependencies: ["KeepalivedConfig", "ConfigGrammar", "WeirTestSupport"]),
        .testTarget(
            name: "ConfigCheckTests",
            dependencies: ["ConfigCheck", "ConfigDiagnostics", "ConfigGrammar", "ConfigYAML", "RuntimePlan", "RuntimePlanner", "TLSMaterial",
                           "WeirTestSupport"]
        ),
        .testTarget(name: "ConfigYAMLTests", dependencies: ["ConfigYAML", "HAProxyConfig", "WeirTestSupport"]),
        .testTarget(
            name: "RuntimePlanTests",
            dependencies: ["RuntimePlan", "RuntimePlanner", "ConfigValues", "HAProxyConfig", "ConfigDiagnostics", "TLSMaterial", "WeirTestSupport"]
        ),
        .testTarget(
            name: "ProxyEngineTests",
            dependencies: [
                "ProxyEngine", "RuntimePlan", "RuntimePlanner", "HAProxyConfig", "ConfigDiagnostics", "WeirTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            exclude: ["Support"]
        ),
        .testTarget(name: "IntegrationTests", dependencies: ["ConfigDiagnostics", "WeirTestSupport"]),
    ]
)
