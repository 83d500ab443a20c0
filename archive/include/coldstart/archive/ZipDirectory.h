// A bounded reader of a zip's central directory (and its zip64 records). libarchive does the
// decompression; this gives what libarchive does not expose per entry: the compressed size, the
// declared uncompressed size, the local header offset (to find entries whose data overlap, as in
// overlapping zip bombs), the encryption flag, and whether the mode bits are Unix ones.
//
// forEachEntry pairs the entries it reads with these records when given the directory
// (ArchiveOptions::Directory); the archive-wide checks (encryption, overlapping data) are the
// caller's, made on the directory before any entry is read.
#pragma once

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace coldstart::archive {

struct ZipDirectoryEntry {
  std::string Name; // as stored
  uint64_t CompressedBytes = 0;
  uint64_t DeclaredBytes = 0; // uncompressed size the central directory claims
  uint64_t LocalHeaderOffset = 0;
  uint16_t Flags = 0;
  uint16_t Method = 0;
  bool UnixMode = false; // "version made by" host is Unix: ExternalAttributes >> 16 is st_mode
  uint32_t Mode = 0;
  bool Encrypted = false;
};

struct ZipDirectory {
  std::vector<ZipDirectoryEntry> Entries; // in central-directory order
  uint64_t FileBytes = 0;
};

/// Reads the central directory of the zip at Path. Refuses, with an ArchiveError whose detail
/// says what is wrong: a file that cannot be opened or read, or has no end-of-central-directory
/// record (ArchiveFailure::Open); a directory that is corrupt or lies outside the file (Header);
/// more than MaxEntries entries (TooManyEntries, with the count the directory declares).
llvm::Expected<ZipDirectory> readZipDirectory(const std::string &Path, uint64_t MaxEntries);

/// Two entries whose data overlap: Later's local header starts inside Earlier's data.
struct DataOverlap {
  const ZipDirectoryEntry *Earlier;
  const ZipDirectoryEntry *Later;
};

/// Entries whose data ranges overlap (several names over the same compressed bytes), in the
/// order of their offsets. The densest zip bombs are built this way; a normal archive never has
/// them.
std::vector<DataOverlap> findDataOverlaps(const ZipDirectory &Directory);

} // namespace coldstart::archive
