import Foundation

/// File-system access with plain messages: the file's name and what went wrong in words, never a
/// Foundation error dump (`NSCocoaErrorDomain Code=260`).
public enum FileReading {
    public static func size(of url: URL, name: String) throws -> Int {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw IngestError.unreadable(file: name, reason: "no such file")
        }
        if isDir.boolValue { throw IngestError.unreadable(file: name, reason: "it is a folder, not a file") }
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes?[.size] as? Int) ?? 0
    }

    public static func contents(of url: URL, name: String) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw IngestError.unreadable(file: name, reason: reason(error))
        }
    }

    /// A short reason for a file-system error.
    public static func reason(_ error: Error) -> String {
        let e = error as NSError
        let posix = (e.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            ?? (e.domain == NSPOSIXErrorDomain ? e.code : nil)
        switch posix {
        case Int(EACCES), Int(EPERM): return "permission denied"
        case Int(ENOENT): return "no such file or folder"
        case Int(EISDIR): return "it is a folder"
        case Int(ENOSPC): return "no space left on the disk"
        case Int(EROFS): return "the file system is read-only"
        default: break
        }
        if e.domain == NSCocoaErrorDomain {
            switch e.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or folder"
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteFileExistsError: return "a file of that name is in the way"
            case NSFileWriteOutOfSpaceError: return "no space left on the disk"
            case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
            default: break
            }
        }
        return String(e.localizedDescription.prefix(200))
    }

    public static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) bytes"
    }
}
