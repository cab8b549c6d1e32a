import Foundation

/// A file-system error as a few plain words (“permission denied”, “the folder /x does not exist”),
/// never a Foundation dump such as `NSCocoaErrorDomain error 512`.
public enum FileErrorText {
    public static func reason(_ error: Error, path: String? = nil) -> String {
        let e = error as NSError
        let posix = (e.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            ?? (e.domain == NSPOSIXErrorDomain ? e.code : nil)
        switch posix {
        case Int(EACCES), Int(EPERM): return "permission denied"
        case Int(ENOENT): return missing(path)
        case Int(EISDIR): return "it is a folder"
        case Int(ENOSPC): return "no space left on the disk"
        case Int(EROFS): return "the file system is read-only"
        default: break
        }
        if e.domain == NSCocoaErrorDomain {
            switch e.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return missing(path)
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
            case NSFileWriteFileExistsError: return "a file of that name is in the way"
            case NSFileWriteOutOfSpaceError: return "no space left on the disk"
            case NSFileWriteVolumeReadOnlyError: return "the file system is read-only"
            default: break
            }
        }
        // Foundation on Linux often says only "error 512": look at the path for the reason.
        if let path {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return "it is a folder" }
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) { return "the folder \(parent) does not exist" }
            if !parent.isEmpty, !FileManager.default.isWritableFile(atPath: parent) { return "permission denied" }
        }
        let text = e.localizedDescription
        return text.contains("NSCocoaErrorDomain") || text.contains("could not be completed") ? "the operation failed" : String(text.prefix(200))
    }

    static func missing(_ path: String?) -> String {
        guard let path else { return "no such file or folder" }
        let parent = (path as NSString).deletingLastPathComponent
        return !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) ? "the folder \(parent) does not exist" : "no such file or folder"
    }
}
