import Foundation
import Testing

/// The HTML report in a real browser (headless Chromium, Debian's `chromium`): the summary table is there,
/// nothing is fetched, and the page fits a phone's width. The screenshot is kept for a look.
@Suite struct ReportBrowserTests {
    static let chromium = Externals.tool("chromium", "chromium-browser", "google-chrome")

    static func browse(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--window-size=412,915"]
                + arguments)
    }

    @Test(.enabled(if: chromium != nil, "skipped: chromium is not on PATH (apt-get install chromium)"))
    func theHTMLReportRendersOnAPhoneScreen() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try ValidateCLITests.brokenExport(in: directory)
        let html = directory.appendingPathComponent("report.html")
        #expect(try CLITests.wxr("validate", input, "--format", "html", "--output", html.path).status == 1)

        let dom = try Self.browse(["--dump-dom", html.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("<table id=\"summary\">"))
        #expect(dom.stdout.contains("<td class=\"top\">Items</td><td class=\"n\">3</td>"))
        #expect(dom.stdout.contains("href=\"#item-2\""))

        // The same page with a probe appended: the browser writes the page's width into it.
        let page = try String(contentsOf: html, encoding: .utf8)
        let probe = directory.appendingPathComponent("probe.html")
        try Data(page.replacingOccurrences(of: "</body>", with: """
            <p id="probe"></p><script>document.getElementById("probe").textContent =
            "probe-width=" + document.documentElement.scrollWidth + "/" + window.innerWidth;</script></body>
            """).utf8).write(to: probe)
        let measured = try Self.browse(["--dump-dom", probe.absoluteString])
        let width = measured.stdout.components(separatedBy: "probe-width=").dropFirst().first?.prefix { $0 != "<" } ?? ""
        let parts = width.split(separator: "/").compactMap { Int($0) }
        #expect(parts.count == 2 && parts[0] <= parts[1], "the page is wider than the window: \(width)")

        let screenshot = FileManager.default.temporaryDirectory.appendingPathComponent("wxr-validation-report.png")
        try? FileManager.default.removeItem(at: screenshot)
        _ = try Self.browse(["--screenshot=\(screenshot.path)", "--hide-scrollbars", html.absoluteString])
        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 10_000, "the screenshot looks empty")
        print("screenshot of the HTML report: \(screenshot.path)")
    }
}
