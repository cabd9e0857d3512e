extension SiteDirectory {
    /// What a commit changed in the output folder compared with the previous run; every list holds relative
    /// paths, sorted.
    public struct Changes: Sendable, Equatable {
        /// Written now, not there before (or deleted by the user since, and restored).
        public var added: [String] = []
        /// Written before, unedited since, and different now: replaced.
        public var updated: [String] = []
        /// The same bytes as the file already there: the old file is kept as it is.
        public var unchanged: [String] = []
        /// Written before, unedited since, and no longer written: deleted.
        public var removed: [String] = []
        /// Files the user changed since wxr wrote them (or made where wxr now writes) that this run would have
        /// replaced or deleted: left as the user has them.
        public var keptEdits: [String] = []
        /// Files of a folder that was not wxr's output (accepted with `replacing`) that this run wrote over.
        public var replaced: [String] = []

        public init() {}

        /// One line for the user: `12 added, 3 updated, 1,980 unchanged, 2 removed; 1 file you edited kept`.
        public var summary: String {
            var text = "\(Counted.grouped(added.count)) added, \(Counted.grouped(updated.count)) updated, "
                + "\(Counted.grouped(unchanged.count)) unchanged, \(Counted.grouped(removed.count)) removed"
            if !replaced.isEmpty { text += ", \(Counted.grouped(replaced.count)) replaced" }
            if !keptEdits.isEmpty { text += "; \(Counted(keptEdits.count, "file")) you edited kept" }
            return text
        }

        mutating func sort() {
            added.sort()
            updated.sort()
            unchanged.sort()
            removed.sort()
            keptEdits.sort()
            replaced.sort()
        }
    }
}
