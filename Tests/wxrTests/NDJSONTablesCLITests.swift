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
    /// `wxr batch --to ndjson --split-by-kind`: a folder of tables per site, and one DuckDB glob over them is one
    /// table across the sites: as many rows as the sites' files hold lines, and comments joined to their posts
    /// within each site (by file name and id) as many as there are comments.
    @Test(.enabled(if: hasDuckDB, "skipped: needs python3 with the duckdb module (pip install duckdb; scripts/setup --tests)"),
          .enabled(if: Externals.wxrgen != nil, "skipped: needs python3 and ../shared/tools/wxrgen.py"))
    func aBatchGivesAFolderPerSiteThatOneGlobReadsAsOneTable() throws {
        let directory = try CLITests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let generated = try Self.export("generated", in: directory)
        let output = directory.appendingPathComponent("tables").path
        let batch = try CLITests.wxr("batch", CLITests.sample, generated, "--to", "ndjson", "--split-by-kind",
                                     "--output", output, "--quiet")
        #expect(batch.status == 0 || batch.status == 1, "\(batch.stderr)")
        let sites = try FileManager.default.contentsOfDirectory(atPath: output).filter { !$0.hasSuffix(".json") }.sorted()
        #expect(sites.count == 2, "\(sites)")
        func lines(_ table: String) throws -> Int {
            try sites.reduce(0) { total, site in
                let text = try String(contentsOfFile: "\(output)/\(site)/\(table).ndjson", encoding: .utf8)
                return total + text.split(separator: "\n").count
            }
        }
        let query = """
            import duckdb, sys
            folder = sys.argv[1]
            posts = duckdb.sql(f"select count(*) from read_json_auto('{folder}/*/posts.ndjson', union_by_name = true)").fetchall()[0][0]
            joined = duckdb.sql(f\"\"\"select count(*) from read_json_auto('{folder}/*/comments.ndjson', filename = true, union_by_name = true) c
                join read_json_auto('{folder}/*/posts.ndjson', filename = true, union_by_name = true) p
                on c.post_item = p.item and replace(c.filename, 'comments.ndjson', '') = replace(p.filename, 'posts.ndjson', '')\"\"\").fetchall()[0][0]
            print(posts, joined)
            """
        let counted = try run(Externals.tool("python3")!, ["-c", query, output])
        #expect(counted.status == 0, "\(counted.stderr)")
        #expect(counted.stdout == "\(try lines("posts")) \(try lines("comments"))\n", "\(counted.stdout)")
        #expect(try lines("comments") > 0)
    }

    static func export(_ name: String, in directory: URL) throws -> String {
        guard name == "generated" else { return CLITests.sample }
        let path = directory.appendingPathComponent("generated.xml").path
        try Externals.generate(["--posts", "300"], to: path)
        return path
    }
}
