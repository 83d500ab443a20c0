#include "TaskRoot.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace coldstart::measure {

namespace fs = llvm::sys::fs;

static llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(std::make_error_code(std::errc::invalid_argument),
                                 Message.str().c_str());
}

/// libarchive's message for the last error; it can be null (a truncated archive made
/// archive_read_next_header fail without one: null dereference, found by the archive fuzz
/// target).
static const char *errorText(struct archive *A) {
  const char *Text = archive_error_string(A);
  return Text ? Text : "unknown error";
}

/// Whether an archive entry name stays inside the folder it is unpacked into.
static bool staysInside(llvm::StringRef Name) {
  if (Name.empty() || Name.starts_with("/") || Name.contains('\\'))
    return false;
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  Name.split(Parts, '/');
  for (llvm::StringRef P : Parts)
    if (P == "..")
      return false;
  return true;
}

/// Entries unpacked at most (inspect's --max-entries default): past it the package is refused.
static constexpr uint64_t MaxEntries = 500000;

static llvm::Error unpackZip(const std::string &Zip, const std::string &Into,
                             uint64_t MaxUnpackedBytes) {
  using ReaderPtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;
  using WriterPtr = std::unique_ptr<struct archive, decltype(&archive_write_free)>;
  ReaderPtr In(archive_read_new(), archive_read_free);
  WriterPtr Out(archive_write_disk_new(), archive_write_free);
  archive_read_support_format_zip(In.get());
  // Never follow or create paths outside Into, whatever the entry names say: names are checked
  // here (staysInside) before Into is prefixed, and libarchive refuses ".." and writing
  // through symbolic links on top.
  archive_write_disk_set_options(Out.get(), ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_SECURE_NODOTDOT |
                                                ARCHIVE_EXTRACT_SECURE_SYMLINKS);
  if (archive_read_open_filename(In.get(), Zip.c_str(), 1 << 16) != ARCHIVE_OK)
    return failure(Zip + ": cannot read as a zip archive: " + errorText(In.get()));
  uint64_t Total = 0, Entries = 0;
  struct archive_entry *Entry;
  int R;
  while ((R = archive_read_next_header(In.get(), &Entry)) == ARCHIVE_OK) {
    const char *RawName = archive_entry_pathname(Entry);
    if (!RawName || !staysInside(RawName))
      return failure(Zip + ": refusing to unpack entry '" + (RawName ? RawName : "") +
                     "': its name leaves the package folder");
    // A copy: archive_entry_set_pathname below frees the buffer RawName points into, and the
    // messages after it name the entry (use after free, found by the hostile suite under ASan).
    const std::string Name = RawName;
    if (archive_entry_is_encrypted(Entry))
      return failure(Zip + ": entry '" + Name + "' is encrypted");
    if (++Entries > MaxEntries)
      return failure(Zip + ": more than " + llvm::Twine(MaxEntries) + " entries; refusing");
    // Files, folders and symbolic links only: a zip's Unix mode bits can also say device,
    // FIFO or socket, which unpacking (as root, in CI) would create.
    mode_t Type = archive_entry_filetype(Entry);
    if (Type != AE_IFREG && Type != AE_IFDIR && Type != AE_IFLNK)
      return failure(Zip + ": refusing to unpack entry '" + Name +
                     "': a device, FIFO or socket has no place in a package");
    // No set-user-ID, set-group-ID or sticky bits on what is unpacked.
    archive_entry_set_perm(Entry, archive_entry_perm(Entry) & 0777);
    std::string Target = Into + "/" + Name;
    archive_entry_set_pathname(Entry, Target.c_str());
    if (archive_write_header(Out.get(), Entry) != ARCHIVE_OK)
      return failure(Zip + ": cannot unpack '" + Name + "': " + errorText(Out.get()));
    const void *Block;
    size_t Size;
    la_int64_t Offset;
    while ((R = archive_read_data_block(In.get(), &Block, &Size, &Offset)) == ARCHIVE_OK) {
      Total += Size;
      if (Total > MaxUnpackedBytes)
        return failure(Zip + ": unpacks to more than " + llvm::Twine(MaxUnpackedBytes) +
                       " bytes; refusing (a zip bomb?)");
      if (archive_write_data_block(Out.get(), Block, Size, Offset) != ARCHIVE_OK)
        return failure(Zip + ": cannot write '" + Name + "': " + errorText(Out.get()));
    }
    if (R != ARCHIVE_EOF)
      return failure(Zip + ": corrupt entry '" + Name + "': " + errorText(In.get()));
    if (archive_write_finish_entry(Out.get()) != ARCHIVE_OK)
      return failure(Zip + ": cannot finish '" + Name + "': " + errorText(Out.get()));
  }
  if (R != ARCHIVE_EOF)
    return failure(Zip + ": truncated or corrupt archive: " + errorText(In.get()));
  return llvm::Error::success();
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
