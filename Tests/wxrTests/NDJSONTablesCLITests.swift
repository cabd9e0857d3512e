import Foundation
import Testing

/// `wxr convert --to ndjson --split-by-kind`: a folder of flat tables that DuckDB loads as it is.
@Suite struct NDJSONTablesCLITests {
    static let tableFiles = ["authors.ndjson", "commentmeta.ndjson", "comments.ndjson", "postmeta.ndjson", "posts.ndjson",
                             "site.ndjson", "terms.ndjson"]

    /// Whether `python3` can import duckdb, the engine the tables are for.
    static let hasDuckDB: Bool = {
        guard let python = Externals.tool("python3") else { return false }
        return (try? run(python, ["-c", "import duckdb"]))?.status == 0
    }()

    static func scriptPath(_ name: String) -> String {
        CLITests.root.appendingPathComponent("scripts/\(name)").path
    }

    /// DuckDB reads every file; counts, columns and the joins of comments and meta to their owners equal an
    /// independent reading of the export. Catches a row written twice or lost, a key missing from some lines
    /// (schema inference then varies with the sample), and an owner's id or position written wrong.
    @Test(.enabled(if: hasDuckDB, "skipped: needs python3 with the duckdb module (pip install duckdb; scripts/setup --tests)"),
          .enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          arguments: ["sample", "generated"])
    func duckDBLoadsEveryTableAndTheJoinsEqualTheExport(export: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.export(export, in: directory)
        let folder = directory.appendingPathComponent("tables").path
        let converted = try CLITests.wxr("convert", input, "--to", "ndjson", "--split-by-kind", "--output", folder)
        #expect(converted.status == 0, "\(converted.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == Self.tableFiles)

        let check = try run(Externals.tool("python3")!, [Self.scriptPath("ndjson_tables_duckdb.py"), folder, input])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasPrefix("equal: 1 site, "), "\(check.stdout)")
    }

    /// Every value of every table, put back together by position, equals the reference reader's document: the
    /// split loses nothing and moves nothing to another post or comment.
    @Test(.enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"),
          arguments: ["sample", "generated"])
    func theTablesHoldTheWholeExport(export: String) throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = try Self.export(export, in: directory)
        let folder = directory.appendingPathComponent("tables").path
        let converted = try CLITests.wxr("convert", input, "--to", "ndjson", "--split-by-kind", "--output", folder, "--quiet")
        #expect(converted.status == 0, "\(converted.stderr)")
        let comparison = try run(Externals.tool("python3")!, [Self.scriptPath("wxr_reference.py"), "--compare-tables", folder, input])
        #expect(comparison.status == 0, "\(comparison.stdout)\(comparison.stderr)")
    }

    /// The folder is an output like the others: the report beside it, an existing one kept without --force and
    /// replaced with it, no staging left behind. A folder holding anything else is never replaced: a mistyped
    /// `--output ~ --force` must not delete someone's files.
    @Test func theFolderIsWrittenWholeAndReplacedOnlyWithForce() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = directory.appendingPathComponent("tables").path
        let first = try CLITests.wxr("convert", CLITests.sample, "--to", "ndjson", "--split-by-kind", "--output", folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.hasPrefix("wxr: wrote \(folder): 8 items, 8 comments, 16 post meta rows, 2 comment meta rows, "
            + "12 terms, 3 authors (ndjson tables)\n"), "\(first.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["tables", "tables.report.json"])

        let again = try CLITests.wxr("convert", CLITests.sample, "--to", "ndjson", "--split-by-kind", "--output", folder)
        #expect(again.status == 73)
        #expect(again.stderr.contains("--force"))
        let forced = try CLITests.wxr("convert", CLITests.sample, "--to", "ndjson", "--split-by-kind", "--output", folder,
                                      "--force", "--quiet")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == Self.tableFiles)

        let notes = directory.appendingPathComponent("tables/notes.txt")
        try Data("mine".utf8).write(to: notes)
        let refused = try CLITests.wxr("convert", CLITests.sample, "--to", "ndjson", "--split-by-kind", "--output", folder,
                                       "--force")
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("more than NDJSON tables (notes.txt)"), "\(refused.stderr)")
        #expect(FileManager.default.fileExists(atPath: notes.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["tables", "tables.report.json"])
    }

    @Test(arguments: [
        (["--to", "json", "--output", "out"], "--split-by-kind goes with --to ndjson"),
        (["--to", "ndjson", "--output", "-"], "--split-by-kind writes a folder"),
    ])
    func splitByKindIsRefusedWhereItCannotApply(arguments: [String], message: String) throws {
        let result = try run(CLITests.binary, ["convert", CLITests.sample, "--split-by-kind"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// The bundled sample, or a 300-post export from the generator.
    static func export(_ name: String, in directory: URL) throws -> String {
        guard name == "generated" else { return CLITests.sample }
        let path = directory.appendingPathComponent("generated.xml").path
        try Externals.generate(["--posts", "300"], to: path)
        return path
    }
}
