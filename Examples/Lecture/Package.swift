// swift-tools-version:6.0
import PackageDescription

// A teacher's own walk-through, written in Swift in a package of its own that depends on
// PMMC-Swift by path, as yours would:
//
//     dependencies: [.package(path: "../pmmc-swift")],
//     ... .product(name: "PMMCTeaching", package: "pmmc-swift")
//
// A path dependency's identity is the name of its folder, so `package:` must name the folder
// the repository was cloned into. This manifest reads that name from its own location, so the
// example builds in any clone.
let repository = "../.."
let identity = Context.packageDirectory.split(separator: "/").dropLast(2).last.map(String.init) ?? "PMMC-Swift"

let package = Package(
    name: "Lecture",
    dependencies: [.package(path: repository)],
    targets: [
        .executableTarget(
            name: "Lecture",
            dependencies: [
                .product(name: "PMMC", package: identity),
                .product(name: "PMMCSimulation", package: identity),
                .product(name: "PMMCTeaching", package: identity),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
