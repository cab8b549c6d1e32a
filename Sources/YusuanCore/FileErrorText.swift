import Foundation

/// A file-system error as a few plain words from the catalogue (“没有权限”, “the folder /x does not
/// exist”), never a Foundation dump such as `NSCocoaErrorDomain error 512` nor the system's English.
public enum FileErrorText {
    public static func reason(_ error: Error, path: String? = nil) -> String {
        let e = error as NSError
        let posix = (e.userInfo[NSUnderlyingErrorKey] as? NSError).flatMap { $0.domain == NSPOSIXErrorDomain ? $0.code : nil }
            ?? (e.domain == NSPOSIXErrorDomain ? e.code : nil)
        switch posix {
        case Int(EACCES), Int(EPERM): return L("fileerr.permission")
        case Int(ENOENT): return missing(path)
        case Int(EISDIR): return L("fileerr.folder")
        case Int(ENOSPC): return L("fileerr.nospace")
        case Int(EROFS): return L("fileerr.readonly")
        default: break
        }
        if e.domain == NSCocoaErrorDomain {
            switch e.code {
            case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return missing(path)
            case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return L("fileerr.permission")
            case NSFileWriteFileExistsError: return L("fileerr.exists")
            case NSFileWriteOutOfSpaceError: return L("fileerr.nospace")
            case NSFileWriteVolumeReadOnlyError: return L("fileerr.readonly")
            default: break
            }
        }
        // Foundation on Linux often says only "error 512": look at the path for the reason.
        if let path {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue { return L("fileerr.folder") }
            let parent = (path as NSString).deletingLastPathComponent
            if !parent.isEmpty, !FileManager.default.fileExists(atPath: parent) { return L("fileerr.missing-folder", ["path": parent]) }
            if !parent.isEmpty, !FileManager.default.isWritableFile(atPath: parent) { return L("fileerr.permission") }
        }
        let text = e.localizedDescription
        return text.contains("NSCocoaErrorDomain") || text.contains("could not be completed") ? L("fileerr.failed") : String(text.prefix(200))
    }

    /// Other common POSIX errors, in the catalogue's words.
    static func posixText(_ code: Int) -> String? {
        switch Int32(code) {
        case ENOTDIR: return L("fileerr.missing")
        case EEXIST: return L("fileerr.exists")
        case EDQUOT: return L("fileerr.nospace")
        default: return nil
        }
    }

    static func missing(_ path: String?) -> String {
        guard let path else { return L("fileerr.missing") }
        let parent = (path as NSString).deletingLastPathComponent
        return !parent.isEmpty && !FileManager.default.fileExists(atPath: parent) ? L("fileerr.missing-folder", ["path": parent]) : L("fileerr.missing")
    }
}
