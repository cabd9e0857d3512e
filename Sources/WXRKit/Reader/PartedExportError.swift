/// Why the parts of a site cannot be read as one export.
public enum PartedExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A part cannot be read: the reader's error, and the part it is about.
    case unreadablePart(name: String, error: ReadError)
    /// A part's channel names another site's address than the first part's.
    case mixedSites(part: String, element: String, value: String, firstPart: String, firstValue: String)
    /// No part was given.
    case noParts

    public var description: String {
        switch self {
        case .unreadablePart(let name, let error):
            switch error {
            // These name the file already.
            case .cannotOpen, .emptyInput, .compressedInput: "\(error)"
            default: "\(name): \(error)"
            }
        case .mixedSites(let part, let element, let value, let firstPart, let firstValue):
            "\(part) is from another site than \(firstPart): its \(element) is \(value), not \(firstValue)"
        case .noParts: "no part to read"
        }
    }
}
