extension ValidationReport {
    /// Names the part each finding's line is in, and each item's, for the findings made after the reading
    /// (by the validation, by the exporter) about an item of a parted export: their line is in the part the
    /// item was taken from. A finding that names its part already, or no item, is left as it is.
    public mutating func locateParts(in export: PartedExport) {
        findings.updateEach { finding in
            guard finding.part == nil, finding.line != nil,
                  let id = finding.entity?.postID ?? finding.postIDs.first else { return }
            finding.part = export.partName(ofItem: id)
        }
        for id in items.keys { items[id]?.part = export.partName(ofItem: id) }
    }
}
