import Foundation
import YusuanCore

/// File-system access with plain messages: the file's name and what went wrong in words, never a
/// Foundation error dump (`NSCocoaErrorDomain Code=260`).
public enum FileReading {
    public static func size(of url: URL, name: String) throws -> Int {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw IngestError.unreadable(file: name, reason: L("fileerr.missing-file"))
        }
        if isDir.boolValue { throw IngestError.unreadable(file: name, reason: L("fileerr.folder-not-file")) }
        // stat(2), not `attributesOfItem`: that also looks up the owner's and group's names (reading
        // /etc/passwd and /etc/group for every file).
        var st = stat()
        return stat(url.path, &st) == 0 ? Int(st.st_size) : 0
    }

    public static func contents(of url: URL, name: String) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw IngestError.unreadable(file: name, reason: reason(error))
        }
    }

    /// A short reason for a file-system error.
    public static func reason(_ error: Error, path: String? = nil) -> String { FileErrorText.reason(error, path: path) }

    public static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
