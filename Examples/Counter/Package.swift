// swift-tools-version:6.0
import PackageDescription

// This example lives inside the PMMC-Swift repository and depends on it by path, as your
// package would:
//
//     dependencies: [.package(path: "../pmmc-swift")],
//     ... .product(name: "PMMCSimulation", package: "pmmc-swift")
//
// A path dependency's identity is the name of its folder, so `package:` must name the folder
// the repository was cloned into. This manifest reads that name from its own location, so the
// example builds in any clone.
let repository = "../.."
let identity = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "PMMC-Swift"

let package = Package(
    name: "Counter",
    dependencies: [.package(path: repository)],
    targets: [
        .executableTarget(
            name: "Counter",
            dependencies: [
                .product(name: "PMMC", package: identity),
                .product(name: "PMMCSimulation", package: identity),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
