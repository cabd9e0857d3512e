import Testing
@testable import WXRMedia

/// Which addresses a download may reach: never link-local (cloud metadata), private ranges only when allowed.
@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("169.254.169.254", AddressPolicy.Kind.linkLocal), ("169.254.0.1", .linkLocal), ("fe80::1", .linkLocal),
        ("febf::1", .linkLocal), ("::ffff:169.254.169.254", .linkLocal),
        ("127.0.0.1", .privateNetwork), ("127.8.9.10", .privateNetwork), ("10.1.2.3", .privateNetwork),
        ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork), ("192.168.1.1", .privateNetwork),
        ("0.0.0.0", .privateNetwork), ("::1", .privateNetwork), ("::", .privateNetwork), ("fd00:ec2::254", .privateNetwork),
        ("fc00::1", .privateNetwork), ("::ffff:127.0.0.1", .privateNetwork), ("::ffff:7f00:1", .privateNetwork),
        ("172.32.0.1", .global), ("172.15.255.255", .global), ("8.8.8.8", .global), ("192.169.0.1", .global),
        ("2606:4700::1111", .global), ("fec0::1", .global),
    ])
    func kinds(address: String, kind: AddressPolicy.Kind) {
        #expect(AddressPolicy.kind(of: address) == kind, "\(address)")
    }

    @Test func textThatIsNoAddressHasNoKind() {
        for text in ["example.org", "", "1.2.3", "::g", "0x7f.1"] { #expect(AddressPolicy.kind(of: text) == nil, "\(text)") }
    }

    @Test func linkLocalIsNeverAllowedPrivateOnlyWhenAsked() {
        #expect(!AddressPolicy(allowsPrivate: true).allows(.linkLocal))
        #expect(!AddressPolicy().allows(.privateNetwork))
        #expect(AddressPolicy(allowsPrivate: true).allows(.privateNetwork))
        #expect(AddressPolicy().allows(.global))
    }

    @Test func resolvingANumericAddressGivesItBack() {
        #expect(HostResolver.addresses(of: "127.0.0.1") == ["127.0.0.1"])
        #expect(HostResolver.addresses(of: "localhost").contains { AddressPolicy.kind(of: $0) == .privateNetwork })
        #expect(HostResolver.addresses(of: "no-such-host.invalid").isEmpty)
    }

    @Test func retryAfterInSecondsOrAsADate() {
        #expect(MediaFetcher.retryAfter("3") == .seconds(3))
        #expect(MediaFetcher.retryAfter(" 0 ") == .seconds(0))
        #expect(MediaFetcher.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == .seconds(0))   // in the past: now
        #expect(MediaFetcher.retryAfter("soon") == nil)
    }
}
