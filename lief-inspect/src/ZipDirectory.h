// Internal: a bounded reader of a zip's central directory (and its zip64 records). libarchive
// does the decompression; this gives what libarchive does not expose per entry: the compressed
// size, the declared uncompressed size, the local header offset (to find entries whose data
// overlap, as in overlapping zip bombs), the encryption flag, and whether the mode bits are
// Unix ones.
#pragma once

#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace coldstart::inspect::detail {

struct ZipDirectoryEntry {
  std::string Name;
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

/// Reads the central directory of the zip at Path. Refuses (an error naming the file) archives
/// without an end-of-central-directory record, whose directory lies outside the file, or with
/// more than MaxEntries entries.
llvm::Expected<ZipDirectory> readZipDirectory(const std::string &Path, uint64_t MaxEntries);

} // namespace coldstart::inspect::detail
