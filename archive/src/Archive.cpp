#include "coldstart/archive/Archive.h"
#include "coldstart/archive/ZipDirectory.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include <archive.h>
#include <archive_entry.h>

#include <deque>
#include <map>
#include <memory>

namespace coldstart::archive {

using namespace llvm;

char ArchiveError::ID = 0;

void ArchiveError::log(raw_ostream &OS) const {
  OS << Path << ": ";
  switch (Failure) {
  case ArchiveFailure::Open:
    OS << "cannot read as an archive: " << Detail;
    break;
  case ArchiveFailure::Header:
    OS << "corrupt or truncated archive: " << Detail;
    break;
  case ArchiveFailure::TooManyEntries:
    if (Declared)
      OS << Declared << " entries, more than the limit of " << Limit;
    else
      OS << "more than " << Limit << " entries";
    break;
  case ArchiveFailure::TooManyBytes:
    OS << "expands to more than " << Limit << " bytes";
    break;
  case ArchiveFailure::EntryData:
    OS << "corrupt or truncated entry: " << Detail;
    break;
  case ArchiveFailure::EntryTooLarge:
    OS << "an entry is larger than " << Limit << " bytes";
    break;
  }
}

const char *errorText(struct ::archive *Handle) {
  const char *Text = archive_error_string(Handle);
  return Text ? Text : "unknown error";
}

std::string printableName(StringRef Name) {
  std::string Out;
  for (unsigned char C : Name) {
    if (C < 0x20 || C == 0x7f || C >= 0x80)
      Out += formatv("\\x{0:x-2}", unsigned(C)).str();
    else
      Out += char(C);
  }
  return Out;
}

NormalizedName normalizeEntryName(StringRef Name) {
  if (Name.starts_with("/") || Name.starts_with("\\") ||
      (Name.size() >= 2 && Name[1] == ':' && isAlpha(Name[0])))
    return {"", NameProblem::AbsolutePath};
  SmallVector<StringRef, 16> Components;
  Name.split(Components, '/', -1, /*KeepEmpty=*/false);
  NormalizedName Out;
  for (StringRef Component : Components) {
    if (Component == ".")
      continue;
    SmallVector<StringRef, 4> WindowsComponents;
    Component.split(WindowsComponents, '\\');
    for (StringRef Part : WindowsComponents)
      if (Part == "..")
        return {"", NameProblem::ParentReference};
    Out.Name += (Out.Name.empty() ? "" : "/") + Component.str();
  }
  return Out;
}

const char *nameProblemKind(NameProblem Problem) {
  switch (Problem) {
  case NameProblem::None:
    return "";
  case NameProblem::AbsolutePath:
    return "absolute-path";
  case NameProblem::ParentReference:
    return "parent-reference";
  }
  return "";
}

namespace {

bool isZip(ArchiveFormat Format) {
  return Format != ArchiveFormat::Tar;
}

void enableFormat(struct ::archive *Handle, ArchiveFormat Format) {
  switch (Format) {
  case ArchiveFormat::Zip:
    archive_read_support_format_zip_seekable(Handle);
    break;
  case ArchiveFormat::ZipOrLocalHeaders:
    archive_read_support_format_zip(Handle); // seekable and streamable
    break;
  case ArchiveFormat::Tar:
    archive_read_support_format_tar(Handle);
    archive_read_support_format_gnutar(Handle);
    archive_read_support_filter_gzip(Handle);
    archive_read_support_filter_xz(Handle);
    archive_read_support_filter_zstd(Handle);
    break;
  }
}

EntryType entryType(struct archive_entry *Entry) {
  switch (archive_entry_filetype(Entry)) {
  case AE_IFREG:
    return EntryType::File;
  case AE_IFDIR:
    return EntryType::Folder;
  case AE_IFLNK:
    return EntryType::Symlink;
  default:
    return EntryType::Other;
  }
}

} // namespace

/// Walks one opened archive; the friend that may create EntryReaders.
class ArchiveReader {
public:
  ArchiveReader(const std::string &Path, const ArchiveOptions &Options)
      : Path(Path), Options(Options), Handle(archive_read_new(), archive_read_free) {
    if (Options.Directory)
      for (const ZipDirectoryEntry &Record : Options.Directory->Entries)
        Records[Record.Name].push_back(&Record);
  }

  Error run(function_ref<Error(const ArchiveEntry &, EntryReader &)> Visit) {
    enableFormat(Handle.get(), Options.Format);
    if (archive_read_open_filename(Handle.get(), Path.c_str(), 1 << 16) != ARCHIVE_OK) {
      // libarchive recognises no zip in one that holds no entry (nothing but its end record):
      // that is an empty archive, with nothing to visit, not an unreadable one.
      if (isZip(Options.Format) && isEmptyZip())
        return Error::success();
      return fail(ArchiveFailure::Open, errorText(Handle.get()));
    }
    uint64_t Entries = 0;
    while (true) {
      struct archive_entry *Header = nullptr;
      int Status = archive_read_next_header(Handle.get(), &Header);
      if (Status == ARCHIVE_EOF)
        return Error::success();
      if (Status < ARCHIVE_WARN)
        return fail(ArchiveFailure::Header, errorText(Handle.get()));
      if (++Entries > Options.Limits.MaxEntries)
        return fail(ArchiveFailure::TooManyEntries, "", Options.Limits.MaxEntries);
      ArchiveEntry Entry = describe(Header);
      if (Status == ARCHIVE_WARN)
        Entry.Warning = errorText(Handle.get());
      // Data the visitor leaves unread is skipped by the next archive_read_next_header.
      EntryReader Reader(Handle.get(), Path, Options, Unpacked, Entry.DeclaredBytes);
      if (Error E = Visit(Entry, Reader))
        return E;
    }
  }

private:
  const std::string &Path;
  const ArchiveOptions &Options;
  std::unique_ptr<struct ::archive, int (*)(struct ::archive *)> Handle;
  uint64_t Unpacked = 0;
  /// The central directory's records not yet paired with an entry, by name, in order.
  std::map<std::string, std::deque<const ZipDirectoryEntry *>> Records;

  Error fail(ArchiveFailure Failure, std::string Detail, uint64_t Limit = 0) {
    return make_error<ArchiveError>(Failure, Path, std::move(Detail), Limit);
  }

  /// Whether the zip's central directory (the caller's, or read here) is valid and lists no entry.
  bool isEmptyZip() const {
    if (Options.Directory)
      return Options.Directory->Entries.empty();
    Expected<ZipDirectory> Directory = readZipDirectory(Path, 1);
    if (!Directory) {
      consumeError(Directory.takeError());
      return false;
    }
    return Directory->Entries.empty();
  }

  ArchiveEntry describe(struct archive_entry *Header) {
    ArchiveEntry Entry;
    const char *RawName = archive_entry_pathname(Header);
    if (!RawName) // not convertible to the current locale
      RawName = archive_entry_pathname_utf8(Header);
    Entry.RawName = RawName ? RawName : "";
    StringRef RuleInput = Entry.RawName;
    if (Options.NamesRelativeToRoot)
      RuleInput = RuleInput.ltrim('/');
    NormalizedName Normalized = normalizeEntryName(RuleInput);
    Entry.Name = std::move(Normalized.Name);
    Entry.Problem = Normalized.Problem;
    Entry.Type = entryType(Header);
    Entry.Permissions = uint32_t(archive_entry_perm(Header)) & 07777;
    if (archive_entry_size_is_set(Header))
      Entry.DeclaredBytes = uint64_t(archive_entry_size(Header));
    if (Entry.Type == EntryType::Symlink) {
      const char *Target = archive_entry_symlink(Header);
      Entry.LinkTarget = Target ? Target : "";
    }
    if (const char *Target = archive_entry_hardlink(Header))
      Entry.HardlinkTarget = Target;
    Entry.Encrypted = archive_entry_is_encrypted(Header);
    Entry.PermissionsKnown = !isZip(Options.Format);
    if (const ZipDirectoryEntry *Record = takeRecord(Entry.RawName)) {
      Entry.CompressedBytes = Record->CompressedBytes;
      Entry.DirectoryDeclaredBytes = Record->DeclaredBytes;
      if (Record->UnixMode) {
        Entry.PermissionsKnown = true;
        Entry.Permissions = Record->Mode & 07777;
      }
    }
    return Entry;
  }

  /// The first record of RawName not yet paired, if any.
  const ZipDirectoryEntry *takeRecord(const std::string &RawName) {
    auto It = Records.find(RawName);
    if (It == Records.end() || It->second.empty())
      return nullptr;
    const ZipDirectoryEntry *Record = It->second.front();
    It->second.pop_front();
    return Record;
  }
};

Expected<StringRef> EntryReader::next() {
  while (!Ended) {
    const void *Block = nullptr;
    size_t Size = 0;
    la_int64_t Offset = 0;
    int Status = archive_read_data_block(Handle, &Block, &Size, &Offset);
    if (Status == ARCHIVE_EOF) {
      Ended = true;
      break;
    }
    // A zip's data warning is its CRC check failing, at the end of the entry; a tar has no
    // checksum over data, and what libarchive warns about there leaves the data readable.
    int Worst = isZip(Options.Format) ? ARCHIVE_OK : ARCHIVE_WARN;
    if (Status < Worst)
      return make_error<ArchiveError>(ArchiveFailure::EntryData, Path, errorText(Handle));
    if (!Size)
      continue;
    Unpacked += Size;
    if (Unpacked > Options.Limits.MaxUnpackedBytes)
      return make_error<ArchiveError>(ArchiveFailure::TooManyBytes, Path, "",
                                      Options.Limits.MaxUnpackedBytes);
    return StringRef(static_cast<const char *>(Block), Size);
  }
  return StringRef();
}

Error EntryReader::readAll(std::string &Out, uint64_t MaxBytes) {
  auto TooLarge = [&] {
    return make_error<ArchiveError>(ArchiveFailure::EntryTooLarge, Path, "", MaxBytes);
  };
  if (DeclaredBytes && *DeclaredBytes > MaxBytes)
    return TooLarge();
  uint64_t Read = 0;
  while (true) {
    Expected<StringRef> Block = next();
    if (!Block)
      return Block.takeError();
    if (Block->empty())
      return Error::success();
    Read += Block->size();
    if (Read > MaxBytes)
      return TooLarge();
    Out.append(Block->data(), Block->size());
  }
}

Error forEachEntry(const std::string &Path, const ArchiveOptions &Options,
                   function_ref<Error(const ArchiveEntry &, EntryReader &)> Visit) {
  return ArchiveReader(Path, Options).run(Visit);
}

} // namespace coldstart::archive
