// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Preface",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "DNSWire", targets: ["DNSWire"]),
        .library(name: "DNSZone", targets: ["DNSZone"]),
        .library(name: "DNSResolver", targets: ["DNSResolver"]),
        .library(name: "DNSServer", targets: ["DNSServer"]),
        .executable(name: "preface", targets: ["preface"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The wire-format library: no Foundation, no NIO, no C library.
        .target(name: "DNSWire"),
        // Zone files (RFC 1035 §5 master files), the zone model, ZONEMD and DNSSEC verification.
        .target(
            name: "DNSZone",
            dependencies: [
                "DNSWire",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ]
        ),
        // The caching recursive resolver: cache, iterative resolution, the one answer builder. No I/O:
        // upstream queries go through its Transport protocol.
        .target(name: "DNSResolver", dependencies: ["DNSWire", "DNSZone"]),
        // Sockets: the upstream transport (UDP from a fresh port per query, TCP per RFC 7766) with
        // SwiftNIO. The only module that does network I/O for the resolver.
        .target(
            name: "DNSServer",
            dependencies: [
                "DNSWire", "DNSResolver", "CDatagramBatch",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // Capture files (pcap, pcapng) → DNS messages: link layers, IP, UDP, TCP reassembly. No Foundation.
        .target(name: "DNSCapture"),
        // The conformance runner: scenarios, scripted responder, stub and resolver subjects, reports.
        .target(
            name: "DNSConformance",
            dependencies: ["DNSWire"],
            resources: [.copy("Scenarios"), .copy("SubjectPrograms"), .copy("ResolverScenarios")]
        ),
        .executableTarget(
            name: "preface",
            dependencies: [
                "DNSWire", "DNSZone", "DNSCapture", "DNSConformance", "DNSResolver", "DNSServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // libldns, for differential tests and benchmarks only — never part of a shipped library.
        // recvmmsg and sendmmsg for the UDP front end (GNU extensions the Glibc overlay leaves out).
        .target(name: "CDatagramBatch"),
        .systemLibrary(name: "CLDNS", pkgConfig: "ldns", providers: [.apt(["libldns-dev"])]),
        // Every DNS message of Captures/ and the wire vectors, for the differential tests and benchmarks.
        .target(name: "DNSCorpus", dependencies: ["DNSCapture"], path: "Benchmarks/Corpus"),
        // Counts heap allocations by interposing malloc; linked only into the benchmark.
        .target(name: "MallocCounter", path: "Benchmarks/MallocCounter"),
        // The clock and table output both benchmarks print with.
        .target(name: "BenchmarkSupport", path: "Benchmarks/Support"),
        .executableTarget(
            name: "bench-parse",
            dependencies: ["DNSWire", "DNSCorpus", "CLDNS", "MallocCounter", "BenchmarkSupport"],
            path: "Benchmarks/ParseBenchmark"
        ),
        .executableTarget(
            name: "bench-zone",
            dependencies: ["DNSZone", "DNSWire", "CLDNS", "BenchmarkSupport"],
            path: "Benchmarks/ZoneBenchmark"
        ),
        .executableTarget(
            name: "bench-cache",
            dependencies: ["DNSResolver", "DNSConformance", "DNSWire", "MallocCounter", "BenchmarkSupport"],
            path: "Benchmarks/CacheBenchmark"
        ),
        .testTarget(name: "DNSWireTests", dependencies: ["DNSWire"], exclude: ["Vectors"]),
        .testTarget(name: "DNSCaptureTests", dependencies: ["DNSCapture"]),
        .testTarget(name: "DNSResolverTests", dependencies: ["DNSResolver", "DNSConformance"]),
        .testTarget(
            name: "DNSServerTests",
            dependencies: ["DNSServer", "DNSResolver", "DNSConformance", .product(name: "Logging", package: "swift-log"),
                           .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "DNSZoneTests", dependencies: ["DNSZone"], exclude: ["Vectors"]),
        .testTarget(name: "DNSWireLDNSTests", dependencies: ["DNSWire", "DNSCorpus", "CLDNS"]),
        .testTarget(name: "prefaceTests", dependencies: ["preface", "DNSConformance"]),
        .testTarget(name: "DNSConformanceTests", dependencies: ["DNSConformance"]),
    ],
    swiftLanguageModes: [.v6]
)
