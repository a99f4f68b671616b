// swift-tools-version: 6.1
// libFuzzer harnesses for weir, kept out of the main package so that a normal
// build never compiles them. Build and run them with ../../Benchmarks/fuzz.sh.
import PackageDescription

let weir: [Target.Dependency] = [
    .product(name: "ConfigDiagnostics", package: "weir"),
    .product(name: "HAProxyConfig", package: "weir"),
    .product(name: "KeepalivedConfig", package: "weir"),
    .product(name: "ConfigYAML", package: "weir"),
    .product(name: "RuntimePlan", package: "weir"),
    .product(name: "RuntimePlanner", package: "weir"),
]

let package = Package(
    name: "weir-fuzz",
    dependencies: [
        .package(name: "weir", path: "../.."),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
    ],
    targets: [.target(name: "FuzzSupport")] + ["FuzzHAProxyParser", "FuzzKeepalivedParser", "FuzzCondition", "FuzzYAML", "FuzzFormat"].map {
        .executableTarget(name: $0, dependencies: weir + ["FuzzSupport"])
    } + [
        // The HTTP/1 parser is internal to the engine: the harness imports it @testable (fuzz.sh builds with -enable-testing).
        .executableTarget(
            name: "FuzzH1Head",
            dependencies: ["FuzzSupport", .product(name: "ProxyEngine", package: "weir"), .product(name: "NIOCore", package: "swift-nio")]
        ),
    ]
)
