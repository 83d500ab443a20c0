// Writing zips for the tests with libarchive's writer: any name (escaping ones included), any
// mode, symbolic links and special files, deflated or stored, optionally encrypted. The readers
// under test must cope with what this writes; hand-patched bytes cover what no writer produces.
#pragma once

#include <string>
#include <vector>

namespace coldstart::test {

/// One entry of a written zip. Mode carries the file type: a regular file (S_IFREG) holds Bytes,
/// a symbolic link (S_IFLNK) points at Bytes, and any other type (S_IFDIR, S_IFCHR, ...) holds
/// nothing.
struct ZipEntry {
  std::string Name;
  std::string Bytes;
  unsigned Mode = 0100644;
};

/// A regular file entry.
ZipEntry zipFile(std::string Name, std::string Bytes, unsigned Mode = 0100644);
/// A symbolic link entry (mode 0777) to Target.
ZipEntry zipSymlink(std::string Name, std::string Target);

/// Writes Entries to the zip at Path, with Unix modes recorded; deflated unless Store. A write
/// that fails fails the running test.
void writeZip(const std::string &Path, const std::vector<ZipEntry> &Entries, bool Store = false);

/// As writeZip, deflated, with every entry encrypted (traditional PKWARE encryption) under
/// Passphrase.
void writeEncryptedZip(const std::string &Path, const std::vector<ZipEntry> &Entries,
                       const std::string &Passphrase);

} // namespace coldstart::test
