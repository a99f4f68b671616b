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
]

let package = Package(
    name: "weir-fuzz",
    dependencies: [.package(name: "weir", path: "../..")],
    targets: [.target(name: "FuzzSupport")] + ["FuzzHAProxyParser", "FuzzKeepalivedParser", "FuzzCondition", "FuzzYAML", "FuzzFormat"].map {
        .executableTarget(name: $0, dependencies: weir + ["FuzzSupport"])
    }
)
