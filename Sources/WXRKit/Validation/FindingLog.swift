/// Findings in the order they were made, at most `limitPerCode` of each code, with every code's full count.
///
/// A file with a million broken bytes must not make a million findings in memory: the first ones of each
/// code are kept as examples, the rest only counted.
///
/// ```swift
/// var log = FindingLog(limitPerCode: 100)
/// log.add(finding)
/// print(log.count(of: .xmlControlCharacter), log.findings.count)
/// ```
public struct FindingLog: Sendable, Hashable {
    public private(set) var findings: [Finding] = []
    /// How many findings of each code were added, kept or not.
    public private(set) var countsByCode: [FindingCode: Int] = [:]
    /// How many findings of each severity were added, kept or not.
    public private(set) var countsBySeverity: [Finding.Severity: Int] = [:]
    public let limitPerCode: Int

    public init(limitPerCode: Int = 1000) {
        self.limitPerCode = limitPerCode
    }

    public mutating func add(_ finding: Finding) {
        let count = countsByCode[finding.code, default: 0] + 1
        countsByCode[finding.code] = count
        countsBySeverity[finding.severity, default: 0] += 1
        if count <= limitPerCode { findings.append(finding) }
    }

    public mutating func add(contentsOf findings: some Sequence<Finding>) {
        for finding in findings { add(finding) }
    }

    /// Changes each kept finding in place, such as to say which part of an export its line is in. Its code
    /// and severity must stay as they are: the counts are not redone.
    public mutating func updateEach(_ update: (inout Finding) -> Void) {
        for index in findings.indices { update(&findings[index]) }
    }

    public var hasErrors: Bool { countsBySeverity[.error, default: 0] > 0 }

    public func count(of code: FindingCode) -> Int {
        countsByCode[code, default: 0]
    }

    /// Findings added but not kept, over all codes.
    public var omitted: Int {
        countsByCode.values.reduce(0, +) - findings.count
    }
}
