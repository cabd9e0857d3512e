import Foundation

/// One site of `wxr batch`: the export it is read from, and where its output and report go.
struct BatchSite: Hashable {
    /// The export, as given or found.
    var input: String
    /// The site's name, unique in the batch: the export's file name without its extensions.
    var name: String
    var output: String
    var report: String

    /// The sites of `inputs`, in order, named after their files and made unique (`site`, `site-2`...) without
    /// regard to case, so that no two share an output on a disk that does not tell case apart.
    /// - Parameter fileExtension: The output's extension; nil for a folder (a Markdown site).
    static func sites(of inputs: [String], outputFolder: String, fileExtension: String?) -> [BatchSite] {
        var taken: Set<String> = []
        return inputs.map { input in
            let base = name(of: input)
            var name = base
            var number = 2
            while !taken.insert(name.lowercased()).inserted {
                name = "\(base)-\(number)"
                number += 1
            }
            let file = fileExtension.map { "\(name).\($0)" } ?? name
            let output = outputFolder.hasSuffix("/") ? outputFolder + file : outputFolder + "/" + file
            return BatchSite(input: input, name: name, output: output, report: Convert.reportPath(besideOutput: output)!)
        }
    }

    /// The file's name without `.zip`, `.gz`, `.xz` and `.xml`, and without the `.wordpress.DATE` (and part
    /// number) that WordPress and `wp export` add: `example.wordpress.2024-01-15.000.xml` is `example`, and
    /// `example.WordPress.xml` too.
    static func name(of input: String) -> String {
        var name = Substring(URL(fileURLWithPath: input).lastPathComponent)
        for suffix in [".zip", ".gz", ".xz", ".xml"] where name.lowercased().hasSuffix(suffix) {
            name = name.dropLast(suffix.count)
        }
        if let range = name.range(of: #"\.wordpress(\.[0-9]{4}-[0-9]{2}-[0-9]{2})?(\.[0-9]+)?$"#,
                                   options: [.regularExpression, .caseInsensitive]) {
            name = name[..<range.lowerBound]
        }
        // A name of dots alone would be a hidden file or the folder itself.
        return name.allSatisfy { $0 == "." } ? "site" : String(name)
    }
}
