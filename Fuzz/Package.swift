// swift-tools-version:6.0
// The libFuzzer target over the WXR reader, in a package of its own so that `swift build` and `swift test`
// at the top never see it. Built and run by scripts/fuzz.sh.
import PackageDescription

let package = Package(
    name: "wxr-fuzz",
    dependencies: [.package(name: "wxr", path: "..")],
    targets: [
        .executableTarget(
            name: "ReaderFuzzer",
            dependencies: [.product(name: "WXRKit", package: "wxr")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
