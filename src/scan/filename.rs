//! File names (`invoice.pdf.exe`, `update.ps1`) and the extension/TLD clash: `script.py`,
//! `invoice.zip` and `report.sh` are files in a report, not domains, unless written defanged or
//! inside a URL (peers report them as domains: ioc-finder #210).

/// Extensions that name executables, scripts, documents, archives and disk images: the files a
/// report lists. Sorted for binary search.
static EXTENSIONS: &[&str] = &[
    "7z", "ace", "apk", "app", "appx", "arj", "asp", "aspx", "bat", "bin", "bz2", "cab", "cfg",
    "chm", "class", "cmd", "com", "conf", "cpl", "csv", "dat", "db", "deb", "dll", "dmg", "doc",
    "docm", "docx", "dot", "dotm", "drv", "elf", "eml", "exe", "gadget", "gz", "hta", "htm",
    "html", "img", "inf", "ini", "iqy", "iso", "jar", "js", "jse", "json", "jsp", "ko", "lnk",
    "log", "lzh", "macho", "msc", "msg", "msi", "msix", "msp", "mui", "ocx", "one", "onepkg",
    "pdf", "php", "pif", "pkg", "pl", "plist", "ppam", "pps", "ppsm", "ppt", "pptm", "pptx", "ps1",
    "psd1", "psm1", "py", "pyc", "rar", "reg", "rpm", "rtf", "scr", "sh", "slk", "so", "svg",
    "sys", "tar", "tgz", "tmp", "txt", "url", "vb", "vba", "vbe", "vbs", "vhd", "vhdx", "wll",
    "wsf", "wsh", "xla", "xlam", "xll", "xls", "xlsb", "xlsm", "xlsx", "xlt", "xltm", "xml", "xz",
    "zip",
];

/// Extensions that are also TLDs and, written plainly in a report, almost always mean a file.
/// Country codes that are busy as real TLDs (`.pl`, `.so`, `.md`) are left out: for them a
/// plain `name.pl` stays a domain.
static FILE_LIKE_TLDS: &[&str] = &["cab", "java", "mov", "one", "py", "sh", "zip"];

/// Whether `ext` (any case) is a known file extension.
pub(crate) fn is_extension(ext: &str) -> bool {
    lower(ext, |e| {
        EXTENSIONS.binary_search_by(|x| x.as_bytes().cmp(e)).is_ok()
    })
}

/// Whether a plain `name.ext` with this TLD-like extension should be read as a file name.
pub(crate) fn is_file_like_tld(ext: &str) -> bool {
    lower(ext, |e| FILE_LIKE_TLDS.iter().any(|x| x.as_bytes() == e))
}

/// Runs `f` on `ext` lowercased in a stack buffer (these run per dotted token: no allocation).
/// No listed extension is longer than 8 bytes, so a longer one is in no list.
fn lower(ext: &str, f: impl Fn(&[u8]) -> bool) -> bool {
    let mut buf = [0u8; 8];
    let Some(e) = buf.get_mut(..ext.len()) else {
        return false;
    };
    e.copy_from_slice(ext.as_bytes());
    e.make_ascii_lowercase();
    f(e)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted() {
        assert!(super::EXTENSIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(super::EXTENSIONS.iter().all(|e| e.len() <= 8));
        assert!(super::FILE_LIKE_TLDS.iter().all(|e| e.len() <= 8));
    }
}
