#include "PackageReader.h"
#include "ZipDirectory.h"
#include "coldstart/report/Format.h"

#include "coldstart/inspect/ElfInspector.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

#include <archive.h>
#include <archive_entry.h>

#include <deque>
#include <memory>
#include <unistd.h>

namespace coldstart::inspect::detail {

using namespace llvm;

namespace {

constexpr size_t HashChunk = 64 << 10;
constexpr uint64_t MaxKeptTextTotal = 8 << 20; // all kept scripts and manifests together

/// xxh3-128 over fixed 64 KiB chunks, chained: the same content gives the same hash whatever
/// block sizes the decompressor hands out.
class ContentHasher {
public:
  void update(const char *P, size_t N) {
    while (N) {
      size_t Take = std::min(N, HashChunk - Fill);
      std::memcpy(Buffer.get() + Fill, P, Take);
      Fill += Take;
      P += Take;
      N -= Take;
      if (Fill == HashChunk)
        flush();
    }
  }
  ContentHash finish() {
    if (Fill || !Total)
      flush();
    return State;
  }

private:
  std::unique_ptr<char[]> Buffer{new char[HashChunk]};
  size_t Fill = 0;
  uint64_t Total = 0;
  ContentHash State;

  void flush() {
    XXH128_hash_t H = xxh3_128bits(ArrayRef(reinterpret_cast<const uint8_t *>(Buffer.get()), Fill));
    uint64_t Mix[5] = {State.Low, State.High, H.low64, H.high64, Total + Fill};
    XXH128_hash_t M = xxh3_128bits(ArrayRef(reinterpret_cast<const uint8_t *>(Mix), sizeof(Mix)));
    State.Low = M.low64;
    State.High = M.high64;
    Total += Fill;
    Fill = 0;
  }
};

bool keepsText(StringRef Path) {
  if (Path == "bootstrap" || Path == "package.json")
    return true;
  if (Path.ends_with("/package.json")) {
    // node_modules/<pkg>/package.json and node_modules/@scope/<pkg>/package.json only.
    SmallVector<StringRef, 8> Parts;
    Path.split(Parts, '/');
    size_t N = Parts.size();
    if (N >= 3 && Parts[N - 3] == "node_modules")
      return true;
    if (N >= 4 && Parts[N - 4] == "node_modules" && Parts[N - 3].starts_with("@"))
      return true;
    return false;
  }
  return Path.ends_with(".dist-info/METADATA") && Path.count('/') <= 6;
}

/// Accumulates one member's bytes: hash always, the whole content when it is an ELF file (up to
/// the member cap), the text when it is a script or manifest worth reading.
class MemberSink {
public:
  MemberSink(Member &M, const PackageLimits &Limits, uint64_t Declared, uint64_t &TextBudget)
      : M(M), Limits(Limits), Declared(Declared), TextBudget(TextBudget) {}

  void add(const char *P, size_t N) {
    if (!N)
      return;
    Hasher.update(P, N);
    M.Bytes += N;
    if (!Decided) {
      // The first four bytes decide what is kept; blocks before that wait in Head.
      Head.append(P, N);
      if (Head.size() < 4)
        return;
      decide();
      keep(Head.data(), Head.size());
      std::string().swap(Head);
      return;
    }
    keep(P, N);
  }

  void finish() {
    if (!Decided) {
      decide();
      keep(Head.data(), Head.size());
    }
    M.Hash = Hasher.finish();
    if (!M.Text.empty())
      TextBudget -= std::min<uint64_t>(TextBudget, M.Text.size());
  }

  bool holding() const { return Holding; }
  bool tooLarge() const { return TooLarge; }
  std::string &image() { return Image; }

private:
  Member &M;
  const PackageLimits &Limits;
  uint64_t Declared;
  uint64_t &TextBudget;
  ContentHasher Hasher;
  std::string Head, Image;
  bool Decided = false, Holding = false, TooLarge = false, KeepText = false;

  static constexpr uint64_t MaxUpfrontReserve = 64 << 20;

  void decide() {
    Decided = true;
    M.Elf = looksLikeElf(Head);
    KeepText = !M.Elf && (keepsText(M.Path) || StringRef(Head).starts_with("#!"));
    if (M.Elf) {
      Holding = true;
      // The declared size comes from the archive and may lie: reserve no more than an honest
      // member's first chunk, and let the string grow as the bytes really arrive.
      Image.reserve(size_t(std::min({Declared, Limits.MaxMemberBytes, MaxUpfrontReserve})));
    }
  }

  void keep(const char *P, size_t N) {
    if (Holding) {
      if (Image.size() + N > Limits.MaxMemberBytes) {
        Holding = false;
        TooLarge = true;
        std::string().swap(Image);
      } else {
        Image.append(P, N);
      }
    }
    if (KeepText) {
      uint64_t Room = std::min<uint64_t>(Limits.MaxTextBytes, TextBudget);
      if (M.Text.size() + N > Room) {
        KeepText = false;
        std::string().swap(M.Text);
      } else {
        M.Text.append(P, N);
      }
    }
  }
};

class SourceReader {
public:
  SourceReader(SourceContents &Out, const PackageLimits &Limits, const rules::RuleSet &Rules)
      : Out(Out), Limits(Limits), BombRatio(Rules.sourcedValue("thresholds.archive-bomb-ratio")),
        BombMinBytes(Rules.sourcedValue("thresholds.archive-bomb-min-bytes")) {}

  Error readZip();
  Error readFolder();

private:
  SourceContents &Out;
  const PackageLimits &Limits;
  const rules::SourcedValue *BombRatio, *BombMinBytes;
  uint64_t Unpacked = 0;
  uint64_t TextBudget = MaxKeptTextTotal;

  Error fail(const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), Out.Info.Path + ": " + Why);
  }
  void unsafe(const std::string &Name, const char *Kind, std::string Detail) {
    Out.Unsafe.push_back({Out.Info.Path, printableName(Name), Kind, std::move(Detail)});
  }
  /// Adds a member, replacing (and reporting) an earlier one of the same path.
  void add(Member M, const std::string &RawName) {
    auto It = Out.ByPath.find(M.Path);
    if (It != Out.ByPath.end()) {
      unsafe(RawName, "duplicate-name",
             "the archive holds this name more than once; unpacking keeps only one of them "
             "(which one depends on the unpacker)");
      Member &Old = Out.Members[It->second];
      if (Old.Binary >= 0)
        Out.Binaries[size_t(Old.Binary)].Notes.push_back(
            "a later entry of the same name replaces this file when unpacked");
      Old = std::move(M);
      return;
    }
    Out.ByPath[M.Path] = Out.Members.size();
    Out.Members.push_back(std::move(M));
  }
  void inspectImage(Member &M, MemberSink &Sink) {
    if (Sink.tooLarge()) {
      Out.Skipped.push_back(displayPath(Out.Info, M.Path) + ": ELF file of " +
                            report::groupedDigits(M.Bytes) + " bytes not inspected: above the " +
                            report::groupedDigits(Limits.MaxMemberBytes) +
                            "-byte in-memory limit (--max-member-bytes)");
      return;
    }
    if (!Sink.holding())
      return;
    std::string Display = displayPath(Out.Info, M.Path);
    auto B = inspectElfBuffer(MemoryBufferRef(Sink.image(), Display), Display);
    std::string().swap(Sink.image());
    if (!B) {
      Out.Skipped.push_back(toString(B.takeError()));
      return;
    }
    B->Source = Out.Info.Path;
    M.Binary = int(Out.Binaries.size());
    Out.Binaries.push_back(std::move(*B));
  }
};

Error SourceReader::readZip() {
  auto Dir = readZipDirectory(Out.Info.Path, Limits.MaxEntries);
  if (!Dir)
    return Dir.takeError();
  Out.Info.ArchiveBytes = Dir->FileBytes;
  for (const auto &Z : Dir->Entries)
    if (Z.Encrypted)
      return fail("entry '" + printableName(Z.Name) +
                  "' is encrypted: coldstart cannot read it, and Lambda cannot unpack it");

  // Entries whose data ranges overlap (several names over the same compressed bytes) are how
  // the densest zip bombs are built; a normal archive never has them.
  {
    std::vector<const ZipDirectoryEntry *> ByOffset;
    for (const auto &Z : Dir->Entries)
      ByOffset.push_back(&Z);
    std::stable_sort(ByOffset.begin(), ByOffset.end(),
                     [](auto *A, auto *B) { return A->LocalHeaderOffset < B->LocalHeaderOffset; });
    for (size_t I = 0; I + 1 < ByOffset.size(); ++I) {
      const auto *A = ByOffset[I], *B = ByOffset[I + 1];
      if (B->LocalHeaderOffset < A->LocalHeaderOffset + 30 + A->CompressedBytes)
        unsafe(B->Name, "overlapping-data",
               formatv("its data starts at offset {0}, inside the data of '{1}' (offset {2}, {3} "
                       "compressed bytes): entries that share compressed bytes are a zip bomb "
                       "technique",
                       B->LocalHeaderOffset, printableName(A->Name), A->LocalHeaderOffset,
                       A->CompressedBytes)
                   .str());
    }
  }
  std::map<std::string, std::deque<const ZipDirectoryEntry *>> Directory;
  for (const auto &Z : Dir->Entries)
    Directory[Z.Name].push_back(&Z);

  std::unique_ptr<struct archive, int (*)(struct archive *)> A(archive_read_new(),
                                                               archive_read_free);
  archive_read_support_format_zip_seekable(A.get());
  if (archive_read_open_filename(A.get(), Out.Info.Path.c_str(), 1 << 16) != ARCHIVE_OK)
    return fail(Twine("cannot read as a zip archive: ") + archiveError(A.get()));

  uint64_t Entries = 0;
  while (true) {
    struct archive_entry *E = nullptr;
    int R = archive_read_next_header(A.get(), &E);
    if (R == ARCHIVE_EOF)
      break;
    if (R < ARCHIVE_WARN)
      return fail(Twine("corrupt or truncated archive: ") + archiveError(A.get()));
    if (++Entries > Limits.MaxEntries)
      return fail(formatv("more than {0} entries (--max-entries)", Limits.MaxEntries));
    const char *RawName = archive_entry_pathname(E);
    if (!RawName)
      RawName = archive_entry_pathname_utf8(E);
    std::string Raw = RawName ? RawName : "";
    if (archive_entry_is_encrypted(E))
      return fail("entry '" + printableName(Raw) +
                  "' is encrypted: coldstart cannot read it, and Lambda cannot unpack it");
    const ZipDirectoryEntry *Z = nullptr;
    auto DIt = Directory.find(Raw);
    if (DIt != Directory.end() && !DIt->second.empty()) {
      Z = DIt->second.front();
      DIt->second.pop_front();
    }

    Member M;
    std::string Why;
    M.Path = normalizeEntryName(Raw, Why);
    if (!Why.empty()) {
      unsafe(Raw, Why.c_str(),
             Why == "absolute-path"
                 ? "an absolute name writes outside the folder it is unpacked into"
                 : "a '..' component writes outside the folder it is unpacked into");
      archive_read_data_skip(A.get());
      continue;
    }
    if (M.Path.empty()) {
      archive_read_data_skip(A.get());
      continue;
    }
    if (Z && Z->UnixMode) {
      M.ModeKnown = true;
      M.Mode = Z->Mode & 07777;
    }
    M.CompressedBytes = Z ? Z->CompressedBytes : 0;
    mode_t Type = archive_entry_filetype(E);
    if (Type == AE_IFDIR) {
      M.Type = MemberType::Folder;
      archive_read_data_skip(A.get());
      add(std::move(M), Raw);
      continue;
    }
    if (Type == AE_IFLNK) {
      M.Type = MemberType::Symlink;
      const char *T = archive_entry_symlink(E);
      M.LinkTarget = T ? T : "";
      archive_read_data_skip(A.get());
      add(std::move(M), Raw);
      continue;
    }
    if (Type != AE_IFREG) {
      unsafe(Raw, "special-file",
             "a device, FIFO or socket entry has no place in a deployment package");
      archive_read_data_skip(A.get());
      continue;
    }

    uint64_t Declared =
        Z ? Z->DeclaredBytes : (archive_entry_size_is_set(E) ? uint64_t(archive_entry_size(E)) : 0);
    MemberSink Sink(M, Limits, Declared, TextBudget);
    while (true) {
      const void *Buf = nullptr;
      size_t Size = 0;
      la_int64_t Offset = 0;
      int D = archive_read_data_block(A.get(), &Buf, &Size, &Offset);
      if (D == ARCHIVE_EOF)
        break;
      // libarchive reports a CRC mismatch as a warning at the end of the entry's data.
      if (D < ARCHIVE_OK)
        return fail("entry '" + printableName(Raw) +
                    "' is corrupt or truncated: " + archiveError(A.get()));
      Unpacked += Size;
      if (Unpacked > Limits.MaxUnpackedBytes)
        return fail(formatv("expands to more than {0} bytes while reading '{1}': refusing to "
                            "read on (--max-unpacked-bytes; Lambda's own unzipped quota is far "
                            "lower)",
                            report::groupedDigits(Limits.MaxUnpackedBytes), printableName(Raw)));
      Sink.add(static_cast<const char *>(Buf), Size);
    }
    Sink.finish();
    if (Z && Z->DeclaredBytes != M.Bytes)
      unsafe(Raw, "size-mismatch",
             formatv("the central directory declares {0} bytes but the entry holds {1}",
                     report::groupedDigits(Z->DeclaredBytes), report::groupedDigits(M.Bytes))
                 .str());
    if (BombRatio && BombMinBytes && M.CompressedBytes && double(M.Bytes) >= BombMinBytes->Value &&
        double(M.Bytes) > BombRatio->Value * double(M.CompressedBytes))
      unsafe(Raw, "bomb-ratio",
             formatv("{0} bytes from {1} compressed bytes, a ratio of {2:F0}:1 (limit {3:F0}:1, "
                     "thresholds.archive-bomb-ratio)",
                     report::groupedDigits(M.Bytes), report::groupedDigits(M.CompressedBytes),
                     double(M.Bytes) / double(M.CompressedBytes), BombRatio->Value)
                 .str());
    inspectImage(M, Sink);
    add(std::move(M), Raw);
  }
  return Error::success();
}

Error SourceReader::readFolder() {
  std::error_code EC;
  SmallString<256> Root(Out.Info.Path);
  sys::path::remove_dots(Root, true);
  uint64_t Entries = 0;
  for (sys::fs::recursive_directory_iterator It(Root, EC, /*follow_symlinks=*/false), End;
       It != End && !EC; It.increment(EC)) {
    if (++Entries > Limits.MaxEntries)
      return fail(formatv("more than {0} entries (--max-entries)", Limits.MaxEntries));
    std::string Full = It->path();
    StringRef Rel = StringRef(Full).drop_front(Root.size());
    Rel = Rel.ltrim('/');
    Member M;
    M.Path = Rel.str();
    sys::fs::file_status St;
    if (auto E = sys::fs::status(Full, St, /*follow=*/false))
      return fail("cannot read '" + Full + "': " + E.message());
    M.ModeKnown = true;
    M.Mode = uint32_t(St.permissions()) & 07777;
    switch (St.type()) {
    case sys::fs::file_type::directory_file:
      M.Type = MemberType::Folder;
      add(std::move(M), Rel.str());
      continue;
    case sys::fs::file_type::symlink_file: {
      M.Type = MemberType::Symlink;
      char Buf[4096];
      ssize_t N = ::readlink(Full.c_str(), Buf, sizeof(Buf));
      M.LinkTarget = N > 0 ? std::string(Buf, size_t(N)) : "";
      It.no_push();
      add(std::move(M), Rel.str());
      continue;
    }
    case sys::fs::file_type::regular_file:
      break;
    default:
      unsafe(Rel.str(), "special-file",
             "a device, FIFO or socket has no place in a deployment package");
      continue;
    }
    // Map, never copy: the kernel pages in what the hash and the inspector touch.
    auto Buf = MemoryBuffer::getFile(Full, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!Buf)
      return fail("cannot read '" + Full + "': " + Buf.getError().message());
    StringRef Data = (*Buf)->getBuffer();
    Unpacked += Data.size();
    if (Unpacked > Limits.MaxUnpackedBytes)
      return fail(formatv("holds more than {0} bytes (--max-unpacked-bytes)",
                          report::groupedDigits(Limits.MaxUnpackedBytes)));
    ContentHasher H;
    H.update(Data.data(), Data.size());
    M.Hash = H.finish();
    M.Bytes = Data.size();
    M.Elf = looksLikeElf(Data);
    if (!M.Elf && (keepsText(M.Path) || Data.starts_with("#!")) &&
        Data.size() <= std::min<uint64_t>(Limits.MaxTextBytes, TextBudget)) {
      M.Text = Data.str();
      TextBudget -= Data.size();
    }
    if (M.Elf) {
      std::string Display = displayPath(Out.Info, M.Path);
      auto B = inspectElfBuffer((*Buf)->getMemBufferRef(), Display);
      if (!B) {
        Out.Skipped.push_back(toString(B.takeError()));
      } else {
        B->Path = Display;
        B->Source = Out.Info.Path;
        M.Binary = int(Out.Binaries.size());
        Out.Binaries.push_back(std::move(*B));
      }
    }
    add(std::move(M), Rel.str());
  }
  if (EC)
    return fail("cannot walk the folder: " + EC.message());
  return Error::success();
}

} // namespace

/// libarchive's message for the last error, which can be null (a truncated zip made
/// archive_read_next_header fail without one: Twine read through the null pointer; found by
/// the archive fuzz target, fuzz/regressions/archive/next-header-null-error-string.zip).
const char *archiveError(struct archive *A) {
  const char *Text = archive_error_string(A);
  return Text ? Text : "unknown error";
}

std::string displayPath(const report::PackageSource &Source, const std::string &Path) {
  if (Source.Role == "layer")
    return Source.Mount + "/" + Path;
  return Path;
}

std::string printableName(const std::string &Name) {
  std::string Out;
  for (unsigned char C : Name) {
    if (C < 0x20 || C == 0x7f || C >= 0x80)
      Out += formatv("\\x{0:x-2}", unsigned(C)).str();
    else
      Out += char(C);
  }
  return Out;
}

std::string normalizeEntryName(const std::string &Name, std::string &Unsafe) {
  Unsafe.clear();
  StringRef N(Name);
  if (N.starts_with("/") || N.starts_with("\\") ||
      (N.size() >= 2 && N[1] == ':' && isAlpha(N[0]))) {
    Unsafe = "absolute-path";
    return "";
  }
  SmallVector<StringRef, 16> Parts;
  N.split(Parts, '/', -1, /*KeepEmpty=*/false);
  std::string Out;
  for (StringRef P : Parts) {
    if (P == ".")
      continue;
    // A backslash is a separator for unzippers made for Windows: "..\x" escapes there too.
    SmallVector<StringRef, 4> Sub;
    P.split(Sub, '\\');
    for (StringRef S : Sub)
      if (S == "..") {
        Unsafe = "parent-reference";
        return "";
      }
    Out += (Out.empty() ? "" : "/") + P.str();
  }
  return Out;
}

std::optional<std::string> resolveLinkTarget(const std::string &LinkPath, const std::string &Target,
                                             const std::string &Mount) {
  StringRef T(Target);
  SmallVector<std::string, 16> Stack;
  if (T.starts_with("/")) {
    // Absolute: inside the package only when it points under its own mount point.
    StringRef M(Mount);
    if (!T.consume_front(M) || !(T.empty() || T.starts_with("/")))
      return std::nullopt;
  } else {
    SmallVector<StringRef, 16> Dir;
    StringRef(LinkPath).split(Dir, '/', -1, false);
    if (!Dir.empty())
      Dir.pop_back();
    for (StringRef D : Dir)
      Stack.push_back(D.str());
  }
  SmallVector<StringRef, 16> Parts;
  T.split(Parts, '/', -1, false);
  for (StringRef P : Parts) {
    if (P == ".")
      continue;
    if (P == "..") {
      if (Stack.empty())
        return std::nullopt;
      Stack.pop_back();
      continue;
    }
    Stack.push_back(P.str());
  }
  std::string Out;
  for (const auto &S : Stack)
    Out += (Out.empty() ? "" : "/") + S;
  return Out;
}

Error readSource(SourceContents &Out, const PackageLimits &Limits, const rules::RuleSet &Rules) {
  SourceReader R(Out, Limits, Rules);
  if (Out.Info.Kind == "directory")
    return R.readFolder();
  return R.readZip();
}

} // namespace coldstart::inspect::detail
