// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PMMC",
    products: [
        .library(name: "PMMC", targets: ["PMMC"]),
        .library(name: "PMMCSimulation", targets: ["PMMCSimulation"]),
        .executable(name: "pmmc", targets: ["pmmc"]),
    ],
    targets: [
        .target(name: "PMMC"),
        .target(name: "PMMCSimulation", dependencies: ["PMMC"]),
        .executableTarget(name: "pmmc", dependencies: ["PMMC", "PMMCSimulation"]),
        .testTarget(name: "PMMCTests", dependencies: ["PMMC"]),
        .testTarget(name: "PMMCSimulationTests", dependencies: ["PMMC", "PMMCSimulation"]),
    ],
    swiftLanguageModes: [.v6]
)
