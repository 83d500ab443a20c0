#include "PackageReader.h"
#include "coldstart/report/Format.h"

#include "coldstart/archive/ZipDirectory.h"

#include "coldstart/inspect/ElfInspector.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"

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
  Error readZipEntry(const archive::ArchiveEntry &Entry, archive::EntryReader &Data);
  /// A failure of the archive layer in inspect's words; RawName is the entry being read, if any.
  Error archiveFailure(const archive::ArchiveError &E, const std::string &RawName);
  /// A failure to read the zip's central directory in inspect's words.
  Error directoryFailure(const archive::ArchiveError &E);
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
  auto Dir = archive::readZipDirectory(Out.Info.Path, Limits.MaxEntries);
  if (!Dir)
    return handleErrors(Dir.takeError(),
                        [&](const archive::ArchiveError &E) { return directoryFailure(E); });
  Out.Info.ArchiveBytes = Dir->FileBytes;
  for (const auto &Z : Dir->Entries)
    if (Z.Encrypted)
      return fail("entry '" + printableName(Z.Name) +
                  "' is encrypted: coldstart cannot read it, and Lambda cannot unpack it");

  for (const archive::DataOverlap &Overlap : archive::findDataOverlaps(*Dir)) {
    const auto *A = Overlap.Earlier, *B = Overlap.Later;
    unsafe(B->Name, "overlapping-data",
           formatv("its data starts at offset {0}, inside the data of '{1}' (offset {2}, {3} "
                   "compressed bytes): entries that share compressed bytes are a zip bomb "
                   "technique",
                   B->LocalHeaderOffset, printableName(A->Name), A->LocalHeaderOffset,
                   A->CompressedBytes)
               .str());
  }

  archive::ArchiveOptions Options;
  Options.Format = archive::ArchiveFormat::Zip;
  Options.Directory = &*Dir;
  Options.Limits.MaxEntries = Limits.MaxEntries;
  Options.Limits.MaxUnpackedBytes = Limits.MaxUnpackedBytes;
  auto Visit = [&](const archive::ArchiveEntry &Entry, archive::EntryReader &Data) {
    return readZipEntry(Entry, Data);
  };
  return handleErrors(archive::forEachEntry(Out.Info.Path, Options, Visit),
                      [&](const archive::ArchiveError &E) { return archiveFailure(E, ""); });
}

Error SourceReader::readZipEntry(const archive::ArchiveEntry &Entry, archive::EntryReader &Data) {
  const std::string &Raw = Entry.RawName;
  if (Entry.Encrypted)
    return fail("entry '" + printableName(Raw) +
                "' is encrypted: coldstart cannot read it, and Lambda cannot unpack it");

  Member M;
  M.Path = Entry.Name;
  switch (Entry.Problem) {
  case archive::NameProblem::AbsolutePath:
    unsafe(Raw, archive::nameProblemKind(Entry.Problem),
           "an absolute name writes outside the folder it is unpacked into");
    return Error::success();
  case archive::NameProblem::ParentReference:
    unsafe(Raw, archive::nameProblemKind(Entry.Problem),
           "a '..' component writes outside the folder it is unpacked into");
    return Error::success();
  case archive::NameProblem::None:
    break;
  }
  if (M.Path.empty())
    return Error::success();
  if (Entry.PermissionsKnown) {
    M.ModeKnown = true;
    M.Mode = Entry.Permissions;
  }
  M.CompressedBytes = Entry.CompressedBytes.value_or(0);
  switch (Entry.Type) {
  case archive::EntryType::Folder:
    M.Type = MemberType::Folder;
    add(std::move(M), Raw);
    return Error::success();
  case archive::EntryType::Symlink:
    M.Type = MemberType::Symlink;
    M.LinkTarget = Entry.LinkTarget;
    add(std::move(M), Raw);
    return Error::success();
  case archive::EntryType::Other:
    unsafe(Raw, "special-file",
           "a device, FIFO or socket entry has no place in a deployment package");
    return Error::success();
  case archive::EntryType::File:
    break;
  }

  // The central directory's record when the entry has one, else what libarchive read.
  uint64_t Declared = Entry.DirectoryDeclaredBytes.value_or(Entry.DeclaredBytes.value_or(0));
  MemberSink Sink(M, Limits, Declared, TextBudget);
  while (true) {
    Expected<StringRef> Block = Data.next();
    if (!Block)
      return handleErrors(Block.takeError(),
                          [&](const archive::ArchiveError &E) { return archiveFailure(E, Raw); });
    if (Block->empty())
      break;
    Sink.add(Block->data(), Block->size());
  }
  Sink.finish();
  if (Entry.DirectoryDeclaredBytes && *Entry.DirectoryDeclaredBytes != M.Bytes)
    unsafe(Raw, "size-mismatch",
           formatv("the central directory declares {0} bytes but the entry holds {1}",
                   report::groupedDigits(*Entry.DirectoryDeclaredBytes),
                   report::groupedDigits(M.Bytes))
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
  return Error::success();
}

Error SourceReader::archiveFailure(const archive::ArchiveError &E, const std::string &RawName) {
  switch (E.failure()) {
  case archive::ArchiveFailure::Open:
    return fail("cannot read as a zip archive: " + E.detail());
  case archive::ArchiveFailure::Header:
    return fail("corrupt or truncated archive: " + E.detail());
  case archive::ArchiveFailure::TooManyEntries:
    return fail(formatv("more than {0} entries (--max-entries)", Limits.MaxEntries));
  case archive::ArchiveFailure::TooManyBytes:
    return fail(formatv("expands to more than {0} bytes while reading '{1}': refusing to "
                        "read on (--max-unpacked-bytes; Lambda's own unzipped quota is far "
                        "lower)",
                        report::groupedDigits(Limits.MaxUnpackedBytes), printableName(RawName)));
  case archive::ArchiveFailure::EntryData:
  case archive::ArchiveFailure::EntryTooLarge:
    break;
  }
  return fail("entry '" + printableName(RawName) + "' is corrupt or truncated: " + E.detail());
}

Error SourceReader::directoryFailure(const archive::ArchiveError &E) {
  if (E.failure() == archive::ArchiveFailure::TooManyEntries)
    return fail(formatv("{0} entries, more than the limit of {1} (--max-entries)", E.declared(),
                        E.limit()));
  return fail(E.detail());
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

std::string displayPath(const report::PackageSource &Source, const std::string &Path) {
  if (Source.Role == "layer")
    return Source.Mount + "/" + Path;
  return Path;
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
