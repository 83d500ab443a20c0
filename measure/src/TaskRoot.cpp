#include "coldstart/measure/TaskRoot.h"

#include "coldstart/archive/Archive.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <archive.h> // archive_write_disk: the reading is the archive layer's
#include <archive_entry.h>

#include <memory>

namespace coldstart::measure {

namespace fs = llvm::sys::fs;

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                 Message.str().c_str());
}

/// Entries unpacked at most (inspect's --max-entries default): past it the package is refused.
static constexpr uint64_t MaxEntries = 500000;

/// A failure of the archive layer in `measure`'s words; EntryName is the entry being unpacked
/// when there is one. Other errors pass through.
static llvm::Error inMeasureWords(llvm::Error Failure, const std::string &Zip,
                                  const std::string &EntryName = "") {
  return llvm::handleErrors(std::move(Failure), [&](const archive::ArchiveError &E) {
    switch (E.failure()) {
    case archive::ArchiveFailure::Open:
      return failure(Zip + ": cannot read as a zip archive: " + E.detail());
    case archive::ArchiveFailure::Header:
      return failure(Zip + ": truncated or corrupt archive: " + E.detail());
    case archive::ArchiveFailure::TooManyEntries:
      return failure(Zip + ": more than " + llvm::Twine(E.limit()) + " entries; refusing");
    case archive::ArchiveFailure::TooManyBytes:
      return failure(Zip + ": unpacks to more than " + llvm::Twine(E.limit()) +
                     " bytes; refusing (a zip bomb?)");
    case archive::ArchiveFailure::EntryData:
    case archive::ArchiveFailure::EntryTooLarge:
      break;
    }
    return failure(Zip + ": corrupt entry '" + EntryName + "': " + E.detail());
  });
}

/// The header archive_write_disk creates Entry from, at Target: its type, its permission bits
/// without set-user-ID, set-group-ID or sticky bits, its size and its link target.
static std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)>
diskHeader(const archive::ArchiveEntry &Entry, const std::string &Target) {
  std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> Header(archive_entry_new(),
                                                                              archive_entry_free);
  archive_entry_set_pathname(Header.get(), Target.c_str());
  switch (Entry.Type) {
  case archive::EntryType::Folder:
    archive_entry_set_filetype(Header.get(), AE_IFDIR);
    break;
  case archive::EntryType::Symlink:
    archive_entry_set_filetype(Header.get(), AE_IFLNK);
    archive_entry_set_symlink(Header.get(), Entry.LinkTarget.c_str());
    break;
  default:
    archive_entry_set_filetype(Header.get(), AE_IFREG);
    break;
  }
  archive_entry_set_perm(Header.get(), Entry.Permissions & 0777);
  if (Entry.DeclaredBytes)
    archive_entry_set_size(Header.get(), la_int64_t(*Entry.DeclaredBytes));
  return Header;
}

static llvm::Error unpackZip(const std::string &Zip, const std::string &Into,
                             uint64_t MaxUnpackedBytes) {
  using WriterPtr = std::unique_ptr<struct archive, decltype(&archive_write_free)>;
  WriterPtr Out(archive_write_disk_new(), archive_write_free);
  // Never follow or create paths outside Into, whatever the entry names say: the archive layer
  // refuses names that leave the folder before Into is prefixed, and libarchive refuses ".."
  // and writing through symbolic links on top.
  archive_write_disk_set_options(Out.get(), ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                                                ARCHIVE_EXTRACT_SECURE_SYMLINKS);
  archive::ArchiveOptions Options;
  // Like Lambda, through the central directory; unlike inspect, a zip without a readable one
  // is still unpacked from its local headers.
  Options.Format = archive::ArchiveFormat::ZipOrLocalHeaders;
  Options.Limits.MaxEntries = MaxEntries;
  Options.Limits.MaxUnpackedBytes = MaxUnpackedBytes;
  auto Unpack = [&](const archive::ArchiveEntry &Entry, archive::EntryReader &Data) -> llvm::Error {
    // Nothing libarchive had to warn about is unpacked (a name it could not convert, say).
    if (!Entry.Warning.empty())
      return failure(Zip + ": truncated or corrupt archive: " + Entry.Warning);
    const std::string &Name = Entry.RawName;
    if (Entry.Problem != archive::NameProblem::None)
      return failure(Zip + ": refusing to unpack entry '" + Name +
                     "': its name leaves the package folder");
    if (Entry.Encrypted)
      return failure(Zip + ": entry '" + Name + "' is encrypted");
    // Files, folders and symbolic links only: a zip's Unix mode bits can also say device,
    // FIFO or socket, which unpacking (as root, in CI) would create.
    if (Entry.Type == archive::EntryType::Other)
      return failure(Zip + ": refusing to unpack entry '" + Name +
                     "': a device, FIFO or socket has no place in a package");
    if (Entry.Name.empty()) // "./": the package folder itself
      return llvm::Error::success();
    auto Header = diskHeader(Entry, Into + "/" + Entry.Name);
    if (archive_write_header(Out.get(), Header.get()) != ARCHIVE_OK)
      return failure(Zip + ": cannot unpack '" + Name + "': " + archive::errorText(Out.get()));
    uint64_t Offset = 0;
    while (true) {
      llvm::Expected<llvm::StringRef> Block = Data.next();
      if (!Block)
        return inMeasureWords(Block.takeError(), Zip, Name);
      if (Block->empty())
        break;
      if (archive_write_data_block(Out.get(), Block->data(), Block->size(), la_int64_t(Offset)) !=
          ARCHIVE_OK)
        return failure(Zip + ": cannot write '" + Name + "': " + archive::errorText(Out.get()));
      Offset += Block->size();
    }
    if (archive_write_finish_entry(Out.get()) != ARCHIVE_OK)
      return failure(Zip + ": cannot finish '" + Name + "': " + archive::errorText(Out.get()));
    return llvm::Error::success();
  };
  return inMeasureWords(archive::forEachEntry(Zip, Options, Unpack), Zip);
}

llvm::Expected<TaskRoot> TaskRoot::prepare(const std::string &Artifact, uint64_t MaxUnpackedBytes) {
  fs::file_status Status;
  if (std::error_code EC = fs::status(Artifact, Status))
    return failure(Artifact + ": " + EC.message());
  TaskRoot T;
  if (fs::is_directory(Status)) {
    llvm::SmallString<256> Abs(Artifact);
    if (std::error_code EC = fs::make_absolute(Abs))
      return failure(Artifact + ": " + EC.message());
    T.Root = std::string(Abs);
  } else if (llvm::StringRef(Artifact).ends_with_insensitive(".zip")) {
    llvm::SmallString<128> Dir;
    if (std::error_code EC = fs::createUniqueDirectory("coldstart-measure", Dir))
      return failure("cannot create a temporary folder: " + EC.message());
    T.Root = T.Owned = std::string(Dir);
    // Private: the function's code is unpacked here and run from here.
    if (std::error_code EC = fs::setPermissions(T.Root, fs::owner_all))
      return failure("cannot make the temporary folder private: " + EC.message());
    if (llvm::Error E = unpackZip(Artifact, T.Root, MaxUnpackedBytes))
      return E;
  } else {
    // A single program: it is the bootstrap, and its folder the task root.
    llvm::SmallString<256> Abs(Artifact);
    if (std::error_code EC = fs::make_absolute(Abs))
      return failure(Artifact + ": " + EC.message());
    T.Bootstrap = std::string(Abs);
    T.Root = std::string(llvm::sys::path::parent_path(Abs));
  }
  if (T.Bootstrap.empty())
    T.Bootstrap = T.Root + "/bootstrap";
  if (!fs::exists(T.Bootstrap))
    return failure(Artifact + ": no 'bootstrap' at the package root; coldstart measure runs "
                              "custom-runtime packages (provided.al2023, provided.al2)");
  if (!fs::can_execute(T.Bootstrap))
    return failure(Artifact + ": 'bootstrap' is not executable (Lambda would fail the same way; "
                              "set its mode to 755 before zipping)");
  return T;
}

TaskRoot::TaskRoot(TaskRoot &&Other) noexcept
    : Root(std::move(Other.Root)), Bootstrap(std::move(Other.Bootstrap)),
      Owned(std::move(Other.Owned)) {
  Other.Owned.clear();
}

TaskRoot::~TaskRoot() {
  if (!Owned.empty())
    (void)fs::remove_directories(Owned); // best effort in a destructor
}

} // namespace coldstart::measure
