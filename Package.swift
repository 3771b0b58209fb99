// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PMMC",
    products: [
        .library(name: "PMMC", targets: ["PMMC"]),
        .library(name: "PMMCSimulation", targets: ["PMMCSimulation"]),
        .library(name: "PMMCRuntime", targets: ["PMMCRuntime"]),
        .executable(name: "pmmc", targets: ["pmmc"]),
    ],
    targets: [
        .target(name: "PMMC"),
        .target(name: "PMMCSimulation", dependencies: ["PMMC"]),
        .target(name: "PMMCRuntime", dependencies: ["PMMC"]),
        .executableTarget(name: "pmmc", dependencies: ["PMMC", "PMMCSimulation", "PMMCRuntime"]),
        .testTarget(name: "PMMCTests", dependencies: ["PMMC"]),
        .testTarget(name: "PMMCSimulationTests", dependencies: ["PMMC", "PMMCSimulation"]),
        .testTarget(name: "PMMCRuntimeTests", dependencies: ["PMMC", "PMMCRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
