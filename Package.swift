// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PMMC",
    products: [
        .library(name: "PMMC", targets: ["PMMC"]),
        .library(name: "PMMCTrace", targets: ["PMMCTrace"]),
        .library(name: "PMMCHost", targets: ["PMMCHost"]),
        .library(name: "PMMCSimulation", targets: ["PMMCSimulation"]),
        .library(name: "PMMCRuntime", targets: ["PMMCRuntime"]),
        .library(name: "PMMCTeaching", targets: ["PMMCTeaching"]),
        .library(name: "PMMCTesting", targets: ["PMMCTesting"]),
        .library(name: "PMMCStudio", targets: ["PMMCStudio"]),
        .library(name: "PMMCBugZoo", targets: ["PMMCBugZoo"]),
        .executable(name: "pmmc", targets: ["pmmc"]),
    ],
    targets: [
        .target(name: "PMMC"),
        .target(name: "PMMCTrace", dependencies: ["PMMC"]),
        .target(name: "PMMCHost", dependencies: ["PMMC"]),
        .target(name: "PMMCSimulation", dependencies: ["PMMC", "PMMCHost", "PMMCTrace"]),
        .target(name: "PMMCRuntime", dependencies: ["PMMC", "PMMCHost", "PMMCTrace"]),
        .target(name: "PMMCTeaching", dependencies: ["PMMC", "PMMCTrace", "PMMCSimulation"]),
        .target(name: "PMMCTesting", dependencies: ["PMMC", "PMMCSimulation"]),
        .target(name: "PMMCStudio", dependencies: ["PMMC", "PMMCTrace", "PMMCSimulation", "PMMCTeaching"]),
        .target(name: "PMMCBugZoo", dependencies: ["PMMC", "PMMCSimulation"]),
        .executableTarget(
            name: "pmmc",
            dependencies: ["PMMC", "PMMCTrace", "PMMCSimulation", "PMMCRuntime", "PMMCTeaching", "PMMCStudio", "PMMCBugZoo"]),
        .testTarget(name: "PMMCTests", dependencies: ["PMMC"]),
        .testTarget(name: "PMMCSimulationTests", dependencies: ["PMMC", "PMMCHost", "PMMCTrace", "PMMCSimulation", "PMMCTesting"]),
        .testTarget(name: "PMMCRuntimeTests", dependencies: ["PMMC", "PMMCHost", "PMMCTrace", "PMMCRuntime"]),
        .testTarget(name: "PMMCTeachingTests", dependencies: ["PMMC", "PMMCHost", "PMMCTrace", "PMMCSimulation", "PMMCTeaching"], exclude: ["Golden"]),
        .testTarget(name: "PMMCTestingTests", dependencies: ["PMMC", "PMMCTrace", "PMMCSimulation", "PMMCTesting"]),
        .testTarget(name: "PMMCStudioTests", dependencies: ["PMMC", "PMMCSimulation", "PMMCTeaching", "PMMCStudio"]),
        .testTarget(name: "PMMCBugZooTests", dependencies: ["PMMC", "PMMCSimulation", "PMMCBugZoo"]),
        .testTarget(name: "PMMCCommandLineTests", dependencies: ["pmmc", "PMMC", "PMMCTrace", "PMMCSimulation"]),
    ],
    swiftLanguageModes: [.v6]
)
