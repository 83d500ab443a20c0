// The one place coldstart reads archives: deployment zips (`inspect`, `measure`) and root
// filesystem tars (`rules runtime-manifest`). libarchive stays behind this header; callers see
// one entry at a time with its name already normalized and checked against the one entry-name
// safety rule, and read its data in blocks with the archive's byte limit enforced.
//
// Errors raised here are ArchiveError values that say what failed (the archive could not be
// opened, a header is corrupt, a limit was passed, ...) and carry libarchive's message; callers
// word them for their command (its option names, its advice) with llvm::handleErrors.
#pragma once

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>

struct archive;

namespace coldstart::archive {

enum class ArchiveFormat {
  /// A zip read through its central directory, as Lambda reads deployment packages.
  Zip,
  /// A zip read through its central directory when it has a readable one, else by its local
  /// headers in order (a zip written to a stream, or one whose directory is damaged).
  ZipOrLocalHeaders,
  /// A tar (POSIX or GNU), plain or compressed with gzip, xz or zstd.
  Tar,
};

/// Bounds on what reading one archive may cost. Past either the archive is refused.
struct ArchiveLimits {
  uint64_t MaxEntries = std::numeric_limits<uint64_t>::max();
  /// Data read from all entries together (only what callers read counts).
  uint64_t MaxUnpackedBytes = std::numeric_limits<uint64_t>::max();
};

struct ZipDirectory;

struct ArchiveOptions {
  ArchiveFormat Format = ArchiveFormat::Zip;
  /// For ArchiveFormat::Zip: the archive's central directory (readZipDirectory, ZipDirectory.h),
  /// read beforehand by callers that need what libarchive does not expose. Each entry is paired
  /// with its record there, by name and in order (a name may occur more than once), to fill
  /// the entry's CompressedBytes, DirectoryDeclaredBytes and PermissionsKnown.
  const ZipDirectory *Directory = nullptr;
  ArchiveLimits Limits;
  /// Reads "/etc/os-release" as "etc/os-release" instead of flagging it as absolute: a root
  /// filesystem's tar names entries from its own root, which is not the reader's.
  bool NamesRelativeToRoot = false;
};

enum class EntryType { File, Folder, Symlink, Other };

/// Why an entry name is unsafe to unpack: it would be written outside the folder it is unpacked
/// into.
enum class NameProblem { None, AbsolutePath, ParentReference };

/// An entry name normalized by the one entry-name safety rule (normalizeEntryName).
struct NormalizedName {
  std::string Name; // empty when Problem is not None, or when the name is the root itself
  NameProblem Problem = NameProblem::None;
};

struct ArchiveEntry {
  std::string RawName; // as stored; may hold any byte (show it with printableName)
  std::string Name;    // normalized: relative, no "." or empty components, no trailing "/"
  NameProblem Problem = NameProblem::None; // when not None, Name is empty: do not unpack
  EntryType Type = EntryType::File;
  /// Permission bits (07777) as libarchive reports them, or as the zip's central directory record
  /// gives them when it holds Unix ones; for a zip written on a system without Unix modes these
  /// are libarchive's defaults (PermissionsKnown tells).
  uint32_t Permissions = 0;
  /// Whether Permissions are the entry's own rather than defaults: always for a tar; for a zip
  /// only when its central directory record (ArchiveOptions::Directory) says it was made on
  /// Unix with mode bits.
  bool PermissionsKnown = false;
  std::optional<uint64_t> DeclaredBytes; // the size the header claims: it may lie
  /// From the entry's central directory record (ArchiveOptions::Directory); unset for a tar, for
  /// a zip read without its directory, and for an entry the directory has no record of.
  std::optional<uint64_t> CompressedBytes;
  std::optional<uint64_t> DirectoryDeclaredBytes; // the uncompressed size the record claims
  std::string LinkTarget;                         // for symbolic links
  std::optional<std::string> HardlinkTarget; // a tar's hard link: the path of the earlier entry
  bool Encrypted = false;
  /// libarchive's warning about this entry's header (a name it could not convert, say), else
  /// empty. The entry is still readable.
  std::string Warning;
};

/// Reads the data of the entry being visited, in the blocks the decompressor hands out.
class EntryReader {
public:
  /// The next block of data, valid until the next call; empty at the end of the entry. Fails
  /// (ArchiveError) on corrupt data, and once the archive's data passes MaxUnpackedBytes.
  llvm::Expected<llvm::StringRef> next();

  /// Appends all of the entry's data to Out, refusing (ArchiveFailure::EntryTooLarge) an entry
  /// that declares or holds more than MaxBytes before reading further.
  llvm::Error readAll(std::string &Out, uint64_t MaxBytes);

private:
  friend class ArchiveReader;
  EntryReader(struct ::archive *Handle, const std::string &Path, const ArchiveOptions &Options,
              uint64_t &Unpacked, std::optional<uint64_t> DeclaredBytes)
      : Handle(Handle), Path(Path), Options(Options), Unpacked(Unpacked),
        DeclaredBytes(DeclaredBytes) {}

  struct ::archive *Handle;
  const std::string &Path;
  const ArchiveOptions &Options;
  uint64_t &Unpacked; // shared by every entry of the archive
  std::optional<uint64_t> DeclaredBytes;
  bool Ended = false;
};

/// Calls Visit for every entry of the archive at Path, in the archive's order, stopping at the
/// first error (Visit's own, or an ArchiveError). Data Visit does not read is skipped.
llvm::Error
forEachEntry(const std::string &Path, const ArchiveOptions &Options,
             llvm::function_ref<llvm::Error(const ArchiveEntry &, EntryReader &)> Visit);

enum class ArchiveFailure {
  Open,           // not an archive of the format, or unreadable
  Header,         // an entry's header is corrupt or truncated
  TooManyEntries, // more than MaxEntries
  TooManyBytes,   // the data read passed MaxUnpackedBytes
  EntryData,      // an entry's data is corrupt or truncated (a zip's CRC mismatch included)
  EntryTooLarge,  // an entry is above the bound given to EntryReader::readAll
};

class ArchiveError : public llvm::ErrorInfo<ArchiveError> {
public:
  static char ID;

  ArchiveError(ArchiveFailure Failure, std::string Path, std::string Detail, uint64_t Limit = 0,
               uint64_t Declared = 0)
      : Failure(Failure), Path(std::move(Path)), Detail(std::move(Detail)), Limit(Limit),
        Declared(Declared) {}

  ArchiveFailure failure() const { return Failure; }
  const std::string &path() const { return Path; }
  /// libarchive's message (Open, Header, EntryData), or what readZipDirectory found wrong (Open,
  /// Header), else empty.
  const std::string &detail() const { return Detail; }
  /// The limit passed (TooManyEntries, TooManyBytes, EntryTooLarge), else 0.
  uint64_t limit() const { return Limit; }
  /// The entry count a zip's central directory declares, when that is what passed MaxEntries
  /// (TooManyEntries from readZipDirectory), else 0.
  uint64_t declared() const { return Declared; }

  /// "<path>: <what failed>", for callers that do not word it themselves.
  void log(llvm::raw_ostream &OS) const override;
  std::error_code convertToErrorCode() const override { return llvm::inconvertibleErrorCode(); }

private:
  ArchiveFailure Failure;
  std::string Path;
  std::string Detail;
  uint64_t Limit;
  uint64_t Declared;
};

/// The one entry-name safety rule. Strips "./" components and trailing "/", folds "//"; refuses
/// absolute names ("/x", "\x", "C:x") and any ".." component, with a backslash counted as a
/// separator (unzippers made for Windows treat "..\x" as escaping too).
NormalizedName normalizeEntryName(llvm::StringRef Name);

/// The finding kind of a name problem: "absolute-path", "parent-reference" (empty for None).
const char *nameProblemKind(NameProblem Problem);

/// Printable form of an entry name (control and non-UTF-8 bytes escaped as \xNN).
std::string printableName(llvm::StringRef Name);

/// What the file at Path is when it is an archive or a compressed file other than a zip, as
/// libarchive reads it: "a tar archive compressed with gzip", "a 7-Zip archive", "a file
/// compressed with xz". nullopt for a zip, for a file libarchive recognises as neither, and for
/// one it cannot open. Reads no further than the first entry's header.
std::optional<std::string> describeNonZipArchive(const std::string &Path);

/// libarchive's message for Handle's last error (reader or writer); never null, as libarchive
/// may give none (a truncated zip made archive_read_next_header fail without one).
const char *errorText(struct ::archive *Handle);

} // namespace coldstart::archive
