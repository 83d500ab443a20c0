#include "coldstart/analyzer/SummaryIndex.h"
#include "coldstart/analyzer/LintDriver.h"
#include "coldstart/analyzer/SummaryCodec.h"

#include "SummaryProducer.inc"

#include "clang/Basic/SourceManager.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include <chrono>
#include <set>

namespace coldstart::analyzer {

namespace {

/// The format of an entry file; a reader of another format treats the entry as foreign.
constexpr llvm::StringLiteral EntryFormat = "coldstart-summary-index";
constexpr int64_t EntryVersion = 1;
constexpr llvm::StringLiteral UnitsFolder = "units";
constexpr llvm::StringLiteral ManifestName = "index.json";
constexpr unsigned MaxEntryNesting = 64;
/// Hex digits of the command's hash in an entry's file name.
constexpr size_t EntryHashDigits = 20;

std::string hex128(llvm::ArrayRef<uint8_t> Bytes) {
  llvm::XXH128_hash_t H = llvm::xxh3_128bits(Bytes);
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  OS << llvm::format_hex_no_prefix(H.high64, 16) << llvm::format_hex_no_prefix(H.low64, 16);
  return Out;
}

std::string hex128(llvm::StringRef Text) {
  return hex128(llvm::ArrayRef(Text.bytes_begin(), Text.size()));
}

llvm::Error failure(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

/// Every field of the source rules, one per line: anything that can change what a summary
/// holds. Messages and fix hints are included too; they cost a re-parse when edited, which is
/// rare, and a list of exceptions would go stale.
std::string describe(const rules::SourceConfig &Config) {
  std::string Out;
  llvm::raw_string_ostream OS(Out);
  auto List = [&OS](llvm::StringRef Name, const std::vector<rules::NamePattern> &Patterns) {
    OS << Name << ':';
    for (const rules::NamePattern &P : Patterns)
      OS << ' ' << P.text() << '\x1f';
    OS << '\n';
  };
  List("registrations", Config.HandlerRegistrations);
  List("functions", Config.HandlerFunctions);
  List("signatures", Config.HandlerSignatures);
  List("factories", Config.AllocationFactories);
  List("once", Config.OnceCalls);
  List("read-file", Config.ReadFileTypes);
  List("lease", Config.LeaseSourceTypes);
  OS << "system-headers: " << Config.ReportSystemHeaders << '\n';
  for (const rules::ResourceKind &K : Config.Resources) {
    OS << "kind " << K.Name << '\x1f' << K.Rule << '\x1f' << K.What << '\x1f' << K.Why << '\x1f'
       << K.Fix << '\x1f' << K.Enabled << '\x1f' << static_cast<int>(K.Arguments) << '\n';
    List("types", K.Types);
    List("calls", K.Calls);
    List("invariant", K.InvariantCalls);
    List("cache-checks", K.CacheChecks);
  }
  return Out;
}

std::string absoluteIn(llvm::StringRef Directory, llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  if (!llvm::sys::path::is_absolute(Abs)) {
    if (Directory.empty()) {
      // Without a current folder the path stays relative; nothing better can be named.
      (void)llvm::sys::fs::make_absolute(Abs);
    } else {
      Abs = Directory;
      llvm::sys::path::append(Abs, Path);
    }
  }
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

llvm::json::Value commandJSON(const clang::tooling::CompileCommand &C) {
  return llvm::json::Object{{"file", mainFileOf(C)},
                            {"directory", C.Directory},
                            {"arguments", llvm::json::Array(C.CommandLine)}};
}

} // namespace

// Found by argument-dependent lookup from llvm::json's container mapping, so in FileDigest's
// namespace.
llvm::json::Value toJSON(const FileDigest &D) {
  return llvm::json::Array{D.Path, static_cast<int64_t>(D.Size), D.Hash};
}

bool fromJSON(const llvm::json::Value &V, FileDigest &D, llvm::json::Path P) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A || A->size() != 3) {
    P.report("expected [path, size, hash]");
    return false;
  }
  std::optional<llvm::StringRef> Path = (*A)[0].getAsString();
  std::optional<int64_t> Size = (*A)[1].getAsInteger();
  std::optional<llvm::StringRef> Hash = (*A)[2].getAsString();
  if (!Path || !Size || *Size < 0 || !Hash) {
    P.report("expected [path, size, hash]");
    return false;
  }
  D = {Path->str(), static_cast<uint64_t>(*Size), Hash->str()};
  return true;
}

FileDigest digestOf(std::string Path, llvm::StringRef Contents) {
  return {std::move(Path), Contents.size(), hex128(Contents)};
}

std::vector<FileDigest> filesRead(const clang::SourceManager &SM) {
  std::vector<FileDigest> Files;
  std::set<std::string> Seen;
  auto Add = [&](clang::FileEntryRef Entry, llvm::StringRef Contents) {
    // The canonical name, as summaries name files (a header reached through two include paths
    // is one file).
    llvm::StringRef Real = Entry.getFileEntry().tryGetRealPathName();
    std::string Path = Real.empty() ? absoluteIn("", Entry.getName()) : Real.str();
    if (Seen.insert(Path).second)
      Files.push_back(digestOf(std::move(Path), Contents));
  };
  clang::FileID Main = SM.getMainFileID();
  if (clang::OptionalFileEntryRef Entry = SM.getFileEntryRefForID(Main))
    if (std::optional<llvm::StringRef> Data = SM.getBufferDataIfLoaded(Main))
      Add(*Entry, *Data);
  // Files whose contents were never loaded (a __has_include probe) did not shape the parse by
  // their contents.
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
    if (std::optional<llvm::StringRef> Data = It->second->getBufferDataIfLoaded())
      Add(It->first, *Data);
  std::sort(Files.begin() + (Files.empty() ? 0 : 1), Files.end(),
            [](const FileDigest &A, const FileDigest &B) { return A.Path < B.Path; });
  return Files;
}

std::string summaryProducer(const rules::SourceConfig &Config) {
  return std::string("analyzer ") + COLDSTART_SUMMARY_PRODUCER + "; clang " + LLVM_VERSION_STRING +
         "; rules " + hex128(describe(Config));
}

std::string mainFileOf(const clang::tooling::CompileCommand &Command) {
  return absoluteIn(Command.Directory, Command.Filename);
}

SummaryIndex::SummaryIndex(std::string Dir, std::string Producer,
                           std::optional<bool> BundledHeaders)
    : Dir(std::move(Dir)), Producer(std::move(Producer)), BundledHeaders(BundledHeaders) {}

std::string SummaryIndex::defaultDir(const std::string &BuildDir) {
  llvm::SmallString<256> Path(BuildDir);
  if (llvm::sys::path::filename(Path) == "compile_commands.json")
    llvm::sys::path::remove_filename(Path);
  llvm::sys::path::append(Path, ".coldstart");
  return std::string(Path);
}

std::string SummaryIndex::entryPath(const clang::tooling::CompileCommand &Command) const {
  std::string Key;
  llvm::raw_string_ostream OS(Key);
  OS << mainFileOf(Command) << '\0' << Command.Directory;
  for (const std::string &Arg : Command.CommandLine)
    OS << '\0' << Arg;
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, UnitsFolder,
                          llvm::sys::path::filename(mainFileOf(Command)) + "." +
                              hex128(Key).substr(0, EntryHashDigits) + ".json");
  return std::string(Path);
}

std::optional<FileDigest> SummaryIndex::currentDigest(const std::string &Path) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = Digests.find(Path);
    if (It != Digests.end())
      return It->second;
  }
  std::optional<FileDigest> Digest;
  llvm::sys::fs::file_status Status;
  if (!llvm::sys::fs::status(Path, Status) &&
      Status.type() == llvm::sys::fs::file_type::regular_file) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                              /*RequiresNullTerminator=*/false);
    if (Buffer)
      Digest = digestOf(Path, (*Buffer)->getBuffer());
  }
  std::lock_guard<std::mutex> Guard(Lock);
  Digests[Path] = Digest;
  return Digest;
}

SummaryIndex::Lookup SummaryIndex::lookup(const clang::tooling::CompileCommand &Command) {
  Lookup Result;
  std::string Path = entryPath(Command);
  auto Miss = [&Result](SummaryIndex::Miss Why, std::string Detail) {
    Result.Why = Why;
    Result.Detail = std::move(Detail);
    return std::move(Result);
  };
  llvm::sys::fs::file_status Status;
  if (llvm::sys::fs::status(Path, Status))
    return Miss(Miss::Absent, "");
  if (Status.type() != llvm::sys::fs::file_type::regular_file)
    return Miss(Miss::Corrupt, Path + " is not a regular file");
  if (Status.getSize() > MaxIndexEntryBytes)
    return Miss(Miss::Corrupt, Path + " is larger than any summary");
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return Miss(Miss::Corrupt, Path + ": " + Buffer.getError().message());
  // Summaries nest a few levels; anything deeper is not an entry, and would take the recursive
  // parser down with it.
  if (jsonNesting((*Buffer)->getBuffer(), MaxEntryNesting) > MaxEntryNesting)
    return Miss(Miss::Corrupt, Path + " is not a coldstart index entry (nested too deeply)");
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse((*Buffer)->getBuffer());
  if (!Json)
    return Miss(Miss::Corrupt, Path + ": " + llvm::toString(Json.takeError()));
  const llvm::json::Object *Entry = Json->getAsObject();
  if (!Entry || Entry->getString("format") != EntryFormat)
    return Miss(Miss::Corrupt, Path + " is not a coldstart index entry");
  if (Entry->getInteger("version") != EntryVersion)
    return Miss(Miss::OtherProducer, Path + " has another entry format");
  if (Entry->getString("producer") != llvm::StringRef(Producer))
    return Miss(Miss::OtherProducer,
                Path + " was made by another coldstart build, Clang or rule set");
  if (BundledHeaders && Entry->getBoolean("bundledHeaders") != *BundledHeaders)
    return Miss(Miss::OtherProducer, Path + " was made with the bundled declarations " +
                                         (*BundledHeaders ? "off" : "on"));
  const llvm::json::Value *Recorded = Entry->get("command");
  if (!Recorded || *Recorded != commandJSON(Command))
    return Miss(Miss::OtherProducer, Path + " belongs to another compile command");

  IndexedUnit Unit;
  llvm::json::Path::Root Root("entry");
  llvm::json::ObjectMapper Map(*Json, Root);
  if (!Map.map("files", Unit.Files) || !Map.mapOptional("note", Unit.Note) ||
      !Map.mapOptional("bundledUsed", Unit.BundledUsed))
    return Miss(Miss::Corrupt, Path + ": " + llvm::toString(Root.getError()));
  if (Unit.Files.empty())
    return Miss(Miss::Corrupt, Path + " lists no files");
  for (const FileDigest &Then : Unit.Files) {
    std::optional<FileDigest> Now = currentDigest(Then.Path);
    if (!Now)
      return Miss(Miss::Stale, Then.Path + " is gone");
    if (Now->Size != Then.Size || Now->Hash != Then.Hash)
      return Miss(Miss::Stale, Then.Path + " changed");
  }
  const llvm::json::Value *Summary = Entry->get("summary");
  if (!Summary)
    return Miss(Miss::Corrupt, Path + " holds no summary");
  llvm::Expected<TranslationUnitSummary> Read = summaryFromJSON(*Summary);
  if (!Read)
    return Miss(Miss::Corrupt, Path + ": " + llvm::toString(Read.takeError()));
  Unit.Summary = std::move(*Read);
  Result.Unit = std::move(Unit);
  Result.Why = Miss::None;
  return Result;
}

llvm::Error SummaryIndex::prepare() {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (Prepared)
      return llvm::Error::success();
  }
  llvm::SmallString<256> Units(Dir);
  llvm::sys::path::append(Units, UnitsFolder);
  if (std::error_code EC = llvm::sys::fs::create_directories(Units))
    return failure("cannot create '" + Units + "': " + EC.message());
  // Keep the index out of version control, as other tools' caches do.
  llvm::SmallString<256> Ignore(Dir);
  llvm::sys::path::append(Ignore, ".gitignore");
  if (!llvm::sys::fs::exists(Ignore)) {
    std::error_code EC;
    llvm::raw_fd_ostream Out(Ignore, EC);
    if (!EC)
      Out << "# coldstart's summary index, rebuilt by any run: never commit it\n*\n";
  }
  std::lock_guard<std::mutex> Guard(Lock);
  Prepared = true;
  return llvm::Error::success();
}

/// Writes Text to Path through a temporary file in the same folder and a rename, so a reader
/// sees the old file or the new one, never part of one.
static llvm::Error writeAtomically(const std::string &Path, llvm::StringRef Text) {
  int FD = -1;
  llvm::SmallString<256> Temporary;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Path + ".%%%%%%%%.tmp", FD, Temporary))
    return failure("cannot write in '" + llvm::sys::path::parent_path(Path) + "': " + EC.message());
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Text;
    Out.close();
    if (Out.has_error()) {
      std::error_code EC = Out.error();
      Out.clear_error();
      (void)llvm::sys::fs::remove(Temporary); // best effort: the write already failed
      return failure("cannot write '" + Temporary + "': " + EC.message());
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temporary, Path)) {
    (void)llvm::sys::fs::remove(Temporary); // best effort: the rename already failed
    return failure("cannot write '" + Path + "': " + EC.message());
  }
  return llvm::Error::success();
}

llvm::Error SummaryIndex::store(const clang::tooling::CompileCommand &Command,
                                const IndexedUnit &Unit) {
  if (llvm::Error E = prepare())
    return E;
  llvm::json::Array Files;
  for (const FileDigest &F : Unit.Files)
    Files.push_back(toJSON(F));
  llvm::json::Object Entry{{"format", EntryFormat},
                           {"version", EntryVersion},
                           {"producer", Producer},
                           {"bundledHeaders", BundledHeaders.value_or(false)},
                           {"command", commandJSON(Command)},
                           {"files", std::move(Files)},
                           {"summary", summaryToJSON(Unit.Summary)}};
  if (Unit.Note)
    Entry["note"] = *Unit.Note;
  if (!Unit.BundledUsed.empty())
    Entry["bundledUsed"] = llvm::json::Array(Unit.BundledUsed);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(std::move(Entry));
  // An empty folder where the entry belongs (nothing the index writes) would block the rename
  // forever; a folder with something in it is somebody's, and stays.
  std::string Path = entryPath(Command);
  if (llvm::sys::fs::is_directory(Path))
    (void)llvm::sys::fs::remove(Path); // fails, as it should, when the folder is not empty
  return writeAtomically(Path, Text);
}

/// Whether Name is an entry's file name as entryPath makes it: "<file>.<20 hex digits>.json".
static bool isEntryName(llvm::StringRef Name) {
  if (!Name.consume_back(".json"))
    return false;
  llvm::StringRef Hash = Name.rsplit('.').second;
  return Hash.size() == EntryHashDigits &&
         llvm::all_of(Hash, [](char C) { return llvm::isDigit(C) || (C >= 'a' && C <= 'f'); });
}

void SummaryIndex::prune(const std::vector<clang::tooling::CompileCommand> &Keep) {
  std::set<std::string> Wanted;
  for (const clang::tooling::CompileCommand &C : Keep)
    Wanted.insert(entryPath(C));
  llvm::SmallString<256> Units(Dir);
  llvm::sys::path::append(Units, UnitsFolder);
  std::error_code EC;
  std::vector<std::string> Unwanted;
  auto Now = std::chrono::system_clock::now();
  for (llvm::sys::fs::directory_iterator It(Units, EC), End; It != End && !EC; It.increment(EC)) {
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    // Only what the index itself writes, by its names (`--index` may name a folder that holds
    // other files): entries, and temporaries a killed run left behind. A recent temporary may
    // be a parallel run's entry about to be renamed into place.
    if (isEntryName(Name) && !Wanted.count(It->path())) {
      Unwanted.push_back(It->path());
    } else if (Name.ends_with(".tmp") && isEntryName(Name.drop_back(4).rsplit('.').first)) {
      llvm::sys::fs::file_status Status;
      if (!llvm::sys::fs::status(It->path(), Status) &&
          Now - Status.getLastModificationTime() > std::chrono::hours(1))
        Unwanted.push_back(It->path());
    }
  }
  // A file another run removed first, or one that cannot be removed, is no reason to fail.
  for (const std::string &Path : Unwanted)
    (void)llvm::sys::fs::remove(Path);
}

llvm::Error SummaryIndex::recordDatabase(const std::string &DatabasePath) {
  if (llvm::Error E = prepare())
    return E;
  llvm::SmallString<256> Manifest(Dir);
  llvm::sys::path::append(Manifest, ManifestName);
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << llvm::json::Value(
      llvm::json::Object{{"format", EntryFormat}, {"database", absoluteIn("", DatabasePath)}});
  return writeAtomically(std::string(Manifest), Text);
}

std::optional<std::string> SummaryIndex::recordedDatabase(const std::string &Dir) {
  llvm::SmallString<256> Manifest(Dir);
  llvm::sys::path::append(Manifest, ManifestName);
  auto Buffer = llvm::MemoryBuffer::getFile(Manifest, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer || (*Buffer)->getBufferSize() > (1 << 20) ||
      jsonNesting((*Buffer)->getBuffer(), MaxEntryNesting) > MaxEntryNesting)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Json = llvm::json::parse((*Buffer)->getBuffer());
  if (!Json) {
    llvm::consumeError(Json.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *Object = Json->getAsObject();
  if (!Object || Object->getString("format") != EntryFormat)
    return std::nullopt;
  if (std::optional<llvm::StringRef> Database = Object->getString("database"))
    return Database->str();
  return std::nullopt;
}

} // namespace coldstart::analyzer
