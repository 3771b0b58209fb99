// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PMMC",
    products: [
        .library(name: "PMMC", targets: ["PMMC"]),
        .library(name: "PMMCSimulation", targets: ["PMMCSimulation"]),
        .library(name: "PMMCRuntime", targets: ["PMMCRuntime"]),
        .library(name: "PMMCTeaching", targets: ["PMMCTeaching"]),
        .library(name: "PMMCTesting", targets: ["PMMCTesting"]),
        .executable(name: "pmmc", targets: ["pmmc"]),
    ],
    targets: [
        .target(name: "PMMC"),
        .target(name: "PMMCSimulation", dependencies: ["PMMC"]),
        .target(name: "PMMCRuntime", dependencies: ["PMMC"]),
        .target(name: "PMMCTeaching", dependencies: ["PMMC", "PMMCSimulation"]),
        .target(name: "PMMCTesting", dependencies: ["PMMC", "PMMCSimulation"]),
        .executableTarget(name: "pmmc", dependencies: ["PMMC", "PMMCSimulation", "PMMCRuntime", "PMMCTeaching"]),
        .testTarget(name: "PMMCTests", dependencies: ["PMMC"]),
        .testTarget(name: "PMMCSimulationTests", dependencies: ["PMMC", "PMMCSimulation", "PMMCTesting"]),
        .testTarget(name: "PMMCRuntimeTests", dependencies: ["PMMC", "PMMCRuntime"]),
        .testTarget(name: "PMMCTeachingTests", dependencies: ["PMMC", "PMMCSimulation", "PMMCTeaching"], exclude: ["Golden"]),
        .testTarget(name: "PMMCTestingTests", dependencies: ["PMMC", "PMMCSimulation", "PMMCTesting"]),
        .testTarget(name: "PMMCCommandLineTests", dependencies: ["pmmc", "PMMC", "PMMCSimulation"]),
    ],
    swiftLanguageModes: [.v6]
)
