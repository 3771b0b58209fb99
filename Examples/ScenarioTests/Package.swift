// swift-tools-version:6.0
import PackageDescription

// Scenario tests as your package would write them: it depends on PMMC-Swift by path and uses
// PMMCTesting in a test target (only there: PMMCTesting imports Swift Testing).
//
//     dependencies: [.package(path: "../pmmc-swift")],
//     ... .product(name: "PMMCTesting", package: "pmmc-swift")
//
// A path dependency's identity is the name of its folder, so `package:` must name the folder
// the repository was cloned into. This manifest reads that name from its own location, so the
// example builds in any clone.
let repository = "../.."
let identity = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "PMMC-Swift"

let package = Package(
    name: "ScenarioTests",
    dependencies: [.package(path: repository)],
    targets: [
        .testTarget(
            name: "ScenarioTests",
            dependencies: [
                .product(name: "PMMC", package: identity),
                .product(name: "PMMCSimulation", package: identity),
                .product(name: "PMMCTesting", package: identity),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
