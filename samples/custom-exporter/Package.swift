// swift-tools-version:6.0
import PackageDescription

// An exporter of your own, built on WXRKit: `swift run wxr-csv ../looking-left.wordpress.xml posts.csv`.
let package = Package(
    name: "custom-exporter",
    // Named, so that the dependency resolves whatever the checkout folder is called.
    dependencies: [.package(name: "wxr", path: "../..")],
    targets: [
        .executableTarget(name: "wxr-csv", dependencies: [.product(name: "WXRKit", package: "wxr")]),
    ],
    swiftLanguageModes: [.v6]
)
