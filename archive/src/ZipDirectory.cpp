#include "coldstart/archive/ZipDirectory.h"
#include "coldstart/archive/Archive.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coldstart::archive {

using namespace llvm;

namespace {

uint16_t u16(const unsigned char *P) {
  return support::endian::read16le(P);
}
uint32_t u32(const unsigned char *P) {
  return support::endian::read32le(P);
}
uint64_t u64(const unsigned char *P) {
  return support::endian::read64le(P);
}

class File {
public:
  explicit File(const std::string &Path) : Fd(::open(Path.c_str(), O_RDONLY | O_CLOEXEC)) {}
  ~File() {
    if (Fd >= 0)
      ::close(Fd);
  }
  bool ok() const { return Fd >= 0; }
  uint64_t size() const {
    struct stat St;
    return ::fstat(Fd, &St) == 0 ? uint64_t(St.st_size) : 0;
  }
  bool read(uint64_t Offset, size_t N, std::vector<unsigned char> &Out) const {
    Out.resize(N);
    size_t Done = 0;
    while (Done < N) {
      ssize_t R = ::pread(Fd, Out.data() + Done, N - Done, off_t(Offset + Done));
      if (R <= 0)
        return false;
      Done += size_t(R);
    }
    return true;
  }

private:
  int Fd;
};

} // namespace

Expected<ZipDirectory> readZipDirectory(const std::string &Path, uint64_t MaxEntries) {
  // The file is not a zip at all (or cannot be read), or it is one whose directory is damaged.
  auto NotAZip = [&](const Twine &Why) {
    return make_error<ArchiveError>(ArchiveFailure::Open, Path, Why.str());
  };
  auto Corrupt = [&](const Twine &Why) {
    return make_error<ArchiveError>(ArchiveFailure::Header, Path, Why.str());
  };
  File F(Path);
  if (!F.ok())
    return NotAZip("cannot open: " + Twine(std::strerror(errno)));
  ZipDirectory Dir;
  Dir.FileBytes = F.size();
  if (Dir.FileBytes < 22)
    return NotAZip("not a zip archive (" + Twine(Dir.FileBytes) + " bytes, too short)");

  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  uint64_t TailBytes = std::min<uint64_t>(Dir.FileBytes, 22 + 65535);
  uint64_t TailOffset = Dir.FileBytes - TailBytes;
  std::vector<unsigned char> Tail;
  if (!F.read(TailOffset, size_t(TailBytes), Tail))
    return NotAZip("cannot read the end of the archive");
  int64_t Eocd = -1;
  for (int64_t I = int64_t(TailBytes) - 22; I >= 0; --I)
    if (u32(&Tail[size_t(I)]) == 0x06054b50) {
      Eocd = I;
      break;
    }
  if (Eocd < 0)
    return NotAZip("not a zip archive, or truncated: no end-of-central-directory record");
  const unsigned char *E = &Tail[size_t(Eocd)];
  uint64_t Count = u16(E + 10);
  uint64_t CdBytes = u32(E + 12);
  uint64_t CdOffset = u32(E + 16);
  uint64_t EocdOffset = TailOffset + uint64_t(Eocd);

  // zip64: a locator 20 bytes before the record points at the zip64 end record.
  if (Eocd >= 20 && u32(&Tail[size_t(Eocd - 20)]) == 0x07064b50) {
    uint64_t Z64Offset = u64(&Tail[size_t(Eocd - 20) + 8]);
    std::vector<unsigned char> Z;
    if (Z64Offset > Dir.FileBytes || Dir.FileBytes - Z64Offset < 56 || !F.read(Z64Offset, 56, Z) ||
        u32(Z.data()) != 0x06064b50)
      return Corrupt("truncated or corrupt zip64 end-of-central-directory record");
    Count = u64(Z.data() + 32);
    CdBytes = u64(Z.data() + 40);
    CdOffset = u64(Z.data() + 48);
    EocdOffset = Z64Offset;
  }
  if (Count > MaxEntries)
    return make_error<ArchiveError>(ArchiveFailure::TooManyEntries, Path, "", MaxEntries, Count);
  if (CdOffset > EocdOffset || CdBytes > EocdOffset - CdOffset)
    return Corrupt(formatv("truncated or corrupt: the central directory ({0} bytes at offset {1}) "
                           "does not fit before its end record at {2}",
                           CdBytes, CdOffset, EocdOffset));
  // Each central-directory header is at least 46 bytes.
  if (Count > CdBytes / 46 + 1)
    return Corrupt(
        formatv("corrupt: {0} entries cannot fit in a {1}-byte central directory", Count, CdBytes));

  std::vector<unsigned char> Cd;
  if (!F.read(CdOffset, size_t(CdBytes), Cd))
    return Corrupt("cannot read the central directory");
  size_t Off = 0;
  Dir.Entries.reserve(size_t(Count));
  for (uint64_t I = 0; I < Count; ++I) {
    if (Cd.size() - Off < 46 || u32(&Cd[Off]) != 0x02014b50)
      return Corrupt(
          formatv("corrupt central directory: entry {0} of {1} is malformed", I + 1, Count));
    const unsigned char *H = &Cd[Off];
    ZipDirectoryEntry Z;
    uint16_t MadeBy = u16(H + 4);
    Z.Flags = u16(H + 8);
    Z.Method = u16(H + 10);
    Z.CompressedBytes = u32(H + 20);
    Z.DeclaredBytes = u32(H + 24);
    size_t NameLen = u16(H + 28), ExtraLen = u16(H + 30), CommentLen = u16(H + 32);
    uint32_t External = u32(H + 38);
    Z.LocalHeaderOffset = u32(H + 42);
    if (Cd.size() - Off - 46 < NameLen + ExtraLen + CommentLen)
      return Corrupt(formatv("corrupt central directory: entry {0} runs past its end", I + 1));
    Z.Name.assign(reinterpret_cast<const char *>(H + 46), NameLen);
    Z.UnixMode = (MadeBy >> 8) == 3 && (External >> 16) != 0;
    Z.Mode = External >> 16;
    Z.Encrypted = Z.Flags & 1;
    // zip64 extended information: the 32-bit fields set to all ones are here, in order.
    const unsigned char *X = H + 46 + NameLen, *XEnd = X + ExtraLen;
    while (XEnd - X >= 4) {
      uint16_t Id = u16(X), Len = u16(X + 2);
      if (XEnd - X - 4 < Len)
        break;
      if (Id == 0x0001) {
        const unsigned char *P = X + 4, *PEnd = P + Len;
        auto Take = [&](uint64_t &Field, bool Needed) {
          if (!Needed || PEnd - P < 8)
            return;
          Field = u64(P);
          P += 8;
        };
        Take(Z.DeclaredBytes, Z.DeclaredBytes == 0xFFFFFFFF);
        Take(Z.CompressedBytes, Z.CompressedBytes == 0xFFFFFFFF);
        Take(Z.LocalHeaderOffset, Z.LocalHeaderOffset == 0xFFFFFFFF);
      }
      X += 4 + Len;
    }
    Dir.Entries.push_back(std::move(Z));
    Off += 46 + NameLen + ExtraLen + CommentLen;
  }
  return Dir;
}

std::vector<DataOverlap> findDataOverlaps(const ZipDirectory &Directory) {
  std::vector<const ZipDirectoryEntry *> ByOffset;
  ByOffset.reserve(Directory.Entries.size());
  for (const auto &Entry : Directory.Entries)
    ByOffset.push_back(&Entry);
  std::stable_sort(ByOffset.begin(), ByOffset.end(),
                   [](auto *A, auto *B) { return A->LocalHeaderOffset < B->LocalHeaderOffset; });
  std::vector<DataOverlap> Overlaps;
  // 30 bytes: the fixed part of a local header, which precedes the entry's data.
  for (size_t I = 0; I + 1 < ByOffset.size(); ++I) {
    const auto *A = ByOffset[I], *B = ByOffset[I + 1];
    if (B->LocalHeaderOffset < A->LocalHeaderOffset + 30 + A->CompressedBytes)
      Overlaps.push_back({A, B});
  }
  return Overlaps;
}

} // namespace coldstart::archive
