// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "wxr",
    products: [
        .library(name: "WXRKit", targets: ["WXRKit"]),
        .library(name: "WXRMedia", targets: ["WXRMedia"]),
        .executable(name: "wxr", targets: ["wxr"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // gzip and xz input, inflated and decoded as it is read: each C library behind one file of Reader/.
        .systemLibrary(name: "CLibZ", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        // renameat2 and syncfs, which glibc's Swift module does not declare: behind one C file of their own.
        .target(name: "CSystemCalls"),
        .target(
            name: "WXRKit",
            dependencies: [
                "CLibXML2",
                "CLibZ",
                "CLibLZMA",
                "CSystemCalls",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Downloading media: a module of its own, so that reading and converting never pull in the HTTP stack.
        .target(
            name: "WXRMedia",
            dependencies: ["WXRKit", .product(name: "AsyncHTTPClient", package: "async-http-client")]
        ),
        .executableTarget(
            name: "wxr",
            dependencies: [
                "WXRKit",
                "WXRMedia",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "WXRTestSupport",
            path: "Tests/WXRTestSupport"
        ),
        .testTarget(
            name: "WXRKitTests",
            dependencies: ["WXRKit", "WXRTestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Yams", package: "Yams")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "WXRMediaTests",
            dependencies: ["WXRMedia", "WXRKit", "WXRTestSupport"]
        ),
        .testTarget(
            name: "wxrTests",
            // "wxr" so that `swift test` builds the binary these tests run.
            dependencies: ["wxr", "WXRKit", "WXRTestSupport", .product(name: "Yams", package: "Yams")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
