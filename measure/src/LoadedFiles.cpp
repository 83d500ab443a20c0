#include "LoadedFiles.h"

#include "coldstart/rules/RuleIds.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Object/ELFObjectFile.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

namespace coldstart::measure {

namespace {

constexpr llvm::StringLiteral Deleted = " (deleted)";

template <class ELFT> ElfFacts factsOf(const llvm::object::ELFFile<ELFT> &Elf) {
  ElfFacts F;
  const uint8_t *Begin = Elf.base();
  const uint8_t *End = Begin + Elf.getBufSize();
  if (auto Phdrs = Elf.program_headers()) {
    for (const auto &P : *Phdrs)
      if (P.p_type == llvm::ELF::PT_INTERP && P.p_offset < Elf.getBufSize()) {
        uint64_t Size = std::min<uint64_t>(P.p_filesz, Elf.getBufSize() - P.p_offset);
        const char *S = reinterpret_cast<const char *>(Begin + P.p_offset);
        F.Interpreter.assign(S, strnlen(S, Size));
      }
  } else {
    llvm::consumeError(Phdrs.takeError());
  }
  auto Dyn = Elf.dynamicEntries();
  if (!Dyn) {
    llvm::consumeError(Dyn.takeError());
    return F;
  }
  uint64_t StrTab = 0, StrSize = 0;
  std::optional<uint64_t> Soname;
  std::vector<uint64_t> Needed;
  for (const auto &D : *Dyn) {
    switch (D.d_tag) {
    case llvm::ELF::DT_STRTAB:
      StrTab = D.getPtr();
      break;
    case llvm::ELF::DT_STRSZ:
      StrSize = D.getVal();
      break;
    case llvm::ELF::DT_SONAME:
      Soname = D.getVal();
      break;
    case llvm::ELF::DT_NEEDED:
      Needed.push_back(D.getVal());
      break;
    default:
      break;
    }
  }
  if (StrTab == 0)
    return F;
  auto Mapped =
      Elf.toMappedAddr(StrTab, [](const llvm::Twine &) { return llvm::Error::success(); });
  if (!Mapped) {
    llvm::consumeError(Mapped.takeError());
    return F;
  }
  const uint8_t *Table = *Mapped;
  if (Table < Begin || Table >= End)
    return F;
  // Every name is read inside both the table's declared size and the file.
  uint64_t Limit = std::min<uint64_t>(StrSize, static_cast<uint64_t>(End - Table));
  auto At = [&](uint64_t Offset) -> std::string {
    if (Offset >= Limit)
      return "";
    const char *S = reinterpret_cast<const char *>(Table + Offset);
    return std::string(S, strnlen(S, Limit - Offset));
  };
  if (Soname)
    F.Soname = At(*Soname);
  for (uint64_t N : Needed)
    if (std::string Name = At(N); !Name.empty())
      F.Needed.push_back(std::move(Name));
  return F;
}

bool isUnder(const std::string &Path, const std::string &Dir) {
  return Path.size() > Dir.size() && Path.compare(0, Dir.size(), Dir) == 0 &&
         (Dir.back() == '/' || Path[Dir.size()] == '/');
}

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return Path;
  return std::string(Real);
}

/// What a symbolic link points to, as the kernel gives it; empty when it cannot be read.
std::string linkTarget(const std::string &Link) {
  char Buffer[4096];
  ssize_t N = readlink(Link.c_str(), Buffer, sizeof Buffer);
  return N > 0 && static_cast<size_t>(N) < sizeof Buffer
             ? std::string(Buffer, static_cast<size_t>(N))
             : std::string();
}

std::vector<pid_t> pidsIn(const std::string &Text) {
  std::vector<pid_t> Out;
  std::istringstream In(Text);
  for (long long P; In >> P;)
    if (P > 0)
      Out.push_back(static_cast<pid_t>(P));
  return Out;
}

std::string readSmallFile(const std::string &Path) {
  std::ifstream In(Path);
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  return Text;
}

std::vector<std::string> numericEntries(const std::string &Dir) {
  std::vector<std::string> Out;
  if (DIR *D = opendir(Dir.c_str())) {
    while (dirent *E = readdir(D))
      if (E->d_name[0] >= '0' && E->d_name[0] <= '9')
        Out.emplace_back(E->d_name);
    closedir(D);
  }
  return Out;
}

/// Children of Pid as /proc/PID/task/TID/children lists them (kernels built with
/// CONFIG_PROC_CHILDREN); nullopt when the kernel does not provide the file.
std::optional<std::vector<pid_t>> childrenFiles(pid_t Pid) {
  std::string Tasks = "/proc/" + std::to_string(Pid) + "/task";
  std::vector<std::string> Tids = numericEntries(Tasks);
  if (Tids.empty())
    return std::vector<pid_t>();
  std::vector<pid_t> Out;
  bool Any = false;
  for (const std::string &Tid : Tids) {
    std::string File = Tasks + "/" + Tid + "/children";
    if (access(File.c_str(), R_OK) != 0)
      continue;
    Any = true;
    for (pid_t C : pidsIn(readSmallFile(File)))
      Out.push_back(C);
  }
  if (!Any)
    return std::nullopt;
  return Out;
}

/// The parent of every process, from /proc/PID/stat: for kernels without the children files.
std::multimap<pid_t, pid_t> childrenByParent() {
  std::multimap<pid_t, pid_t> Out;
  for (const std::string &Name : numericEntries("/proc")) {
    std::string Stat = readSmallFile("/proc/" + Name + "/stat");
    // "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses, so parse after the last
    // ')'.
    size_t Close = Stat.rfind(')');
    if (Close == std::string::npos)
      continue;
    std::istringstream In(Stat.substr(Close + 1));
    std::string State;
    long long Parent = 0;
    if (In >> State >> Parent && Parent > 0)
      Out.emplace(static_cast<pid_t>(Parent), static_cast<pid_t>(std::stoll(Name)));
  }
  return Out;
}

} // namespace

std::optional<ElfFacts> readElfFacts(const std::string &Path) {
  struct stat St;
  // Only regular files: a device or FIFO that a process has mapped could block a read.
  if (stat(Path.c_str(), &St) != 0 || !S_ISREG(St.st_mode))
    return std::nullopt;
  {
    std::ifstream In(Path, std::ios::binary);
    char Magic[4] = {};
    if (!In.read(Magic, 4) || std::memcmp(Magic,
                                          "\x7f"
                                          "ELF",
                                          4) != 0)
      return std::nullopt;
  }
  auto Binary = llvm::object::ObjectFile::createObjectFile(Path);
  if (!Binary) {
    llvm::consumeError(Binary.takeError());
    return ElfFacts(); // ELF, but not one LLVM reads: judged by its file name
  }
  const llvm::object::ObjectFile *Obj = Binary->getBinary();
  if (const auto *E = llvm::dyn_cast<llvm::object::ELF64LEObjectFile>(Obj))
    return factsOf(E->getELFFile());
  if (const auto *E = llvm::dyn_cast<llvm::object::ELF64BEObjectFile>(Obj))
    return factsOf(E->getELFFile());
  if (const auto *E = llvm::dyn_cast<llvm::object::ELF32LEObjectFile>(Obj))
    return factsOf(E->getELFFile());
  if (const auto *E = llvm::dyn_cast<llvm::object::ELF32BEObjectFile>(Obj))
    return factsOf(E->getELFFile());
  return ElfFacts();
}

std::vector<pid_t> processTree(pid_t Root, size_t MaxProcesses) {
  std::vector<pid_t> Out{Root};
  std::optional<std::multimap<pid_t, pid_t>> Parents; // read once, only when needed
  for (size_t I = 0; I < Out.size() && Out.size() < MaxProcesses; ++I) {
    std::optional<std::vector<pid_t>> Children = childrenFiles(Out[I]);
    if (!Children) {
      if (!Parents)
        Parents = childrenByParent();
      Children.emplace();
      auto [From, To] = Parents->equal_range(Out[I]);
      for (auto It = From; It != To; ++It)
        Children->push_back(It->second);
    }
    for (pid_t C : *Children)
      if (std::find(Out.begin(), Out.end(), C) == Out.end() && Out.size() < MaxProcesses)
        Out.push_back(C);
  }
  return Out;
}

std::optional<std::vector<std::string>> mappedFiles(pid_t Pid, std::string &Why) {
  std::string File = "/proc/" + std::to_string(Pid) + "/maps";
  std::ifstream In(File);
  if (!In) {
    int Errno = errno;
    struct stat St;
    Why = stat(("/proc/" + std::to_string(Pid)).c_str(), &St) != 0
              ? ""
              : File + ": " + std::strerror(Errno);
    return std::nullopt;
  }
  std::vector<std::string> Out;
  std::set<std::string> Seen;
  for (std::string Line; std::getline(In, Line);) {
    // "ADDRESS PERMS OFFSET DEVICE INODE   PATH": the path is what follows the fifth field.
    std::istringstream Fields(Line);
    std::string Skip;
    for (int I = 0; I < 5; ++I)
      Fields >> Skip;
    std::string Path;
    std::getline(Fields, Path);
    size_t Start = Path.find_first_not_of(' ');
    if (Start == std::string::npos || Path[Start] != '/')
      continue; // anonymous memory, [heap], [stack], [vdso]
    Path.erase(0, Start);
    if (Seen.insert(Path).second)
      Out.push_back(Path);
  }
  Why.clear();
  return Out;
}

LoadedFilesInspector::LoadedFilesInspector(const rules::RuntimeManifest &Runtime,
                                           const std::vector<std::string> &PackageDirs)
    : Runtime(Runtime) {
  for (const std::string &D : PackageDirs) {
    Dirs.push_back(D);
    if (std::string Real = realPath(D); Real != D)
      Dirs.push_back(Real);
  }
}

const std::optional<ElfFacts> &LoadedFilesInspector::factsOf(const std::string &Path) {
  auto It = Facts.find(Path);
  if (It == Facts.end())
    It = Facts.emplace(Path, readElfFacts(Path)).first;
  return It->second;
}

bool LoadedFilesInspector::inPackage(const std::string &Path) const {
  return std::any_of(Dirs.begin(), Dirs.end(),
                     [&](const std::string &D) { return Path == D || isUnder(Path, D); });
}

std::string LoadedFilesInspector::shown(const std::string &Path) const {
  for (const std::string &D : Dirs)
    if (isUnder(Path, D))
      return Path.substr(D.size() + (D.back() == '/' ? 0 : 1));
  return Path;
}

void LoadedFilesInspector::noteUnreadable(const std::string &What) {
  if (std::find(Check.Unreadable.begin(), Check.Unreadable.end(), What) == Check.Unreadable.end())
    Check.Unreadable.push_back(What);
}

void LoadedFilesInspector::inspect(pid_t Root, unsigned Run) {
  for (pid_t P : processTree(Root))
    inspectProcess(P, Run);
}

void LoadedFilesInspector::inspectProcess(pid_t Pid, unsigned Run) {
  std::string Why;
  std::optional<std::vector<std::string>> Files = mappedFiles(Pid, Why);
  if (!Files) {
    if (!Why.empty()) // a process that ended meanwhile has nothing left to read
      noteUnreadable(Why);
    return;
  }
  ++Check.MapsRead;
  Check.Performed = true;

  using Kind = report::MachineElfFile::Kind;
  std::string Exe = linkTarget("/proc/" + std::to_string(Pid) + "/exe");
  bool ProgramOfThisMachine = !Exe.empty() && Exe[0] == '/' && !inPackage(Exe);
  std::string Loader;
  if (const std::optional<ElfFacts> &E = factsOf(Exe); E && !E->Interpreter.empty())
    Loader = realPath(E->Interpreter);

  // The ELF files of this process, and each by the name the loader matches DT_NEEDED against.
  struct Mapped {
    std::string Path;
    const ElfFacts *Facts;
    bool Package;
    std::string Name;
  };
  std::vector<Mapped> Elves;
  std::map<std::string, const Mapped *> ByName;
  for (const std::string &Path : *Files) {
    if (llvm::StringRef(Path).ends_with(Deleted)) {
      noteUnreadable(Path + ": no longer on disk, not judged");
      continue;
    }
    const std::optional<ElfFacts> &F = factsOf(Path);
    if (!F) {
      NonElf.insert(Path);
      continue;
    }
    std::string Name = F->Soname.empty() ? llvm::sys::path::filename(Path).str() : F->Soname;
    Elves.push_back({Path, &*F, inPackage(Path), std::move(Name)});
  }
  for (const Mapped &E : Elves)
    ByName.emplace(E.Name, &E);

  // In the process of a program of this machine (the shell of a bootstrap script, an
  // interpreter), what the program loads for itself is its own business: it brings its
  // libraries and modules wherever it runs. The package's share is what its own ELF files need,
  // directly or through the libraries they need.
  std::set<std::string> NeededByPackage;
  if (ProgramOfThisMachine) {
    std::deque<std::string> Queue;
    for (const Mapped &E : Elves)
      if (E.Package)
        Queue.insert(Queue.end(), E.Facts->Needed.begin(), E.Facts->Needed.end());
    while (!Queue.empty()) {
      std::string Name = Queue.front();
      Queue.pop_front();
      auto It = ByName.find(Name);
      if (It == ByName.end() || It->second->Package ||
          !NeededByPackage.insert(It->second->Path).second)
        continue;
      for (const std::string &N : It->second->Facts->Needed)
        Queue.push_back(N);
    }
  }

  for (const Mapped &E : Elves) {
    if (E.Package) {
      PackageElf.insert(E.Path);
      continue;
    }
    const std::string &Path = E.Path;
    report::MachineElfFile M;
    M.Path = Path;
    M.Soname = E.Name;
    M.Program = shown(Exe);
    M.Run = Run;
    if (Path == Loader)
      M.What = Kind::Loader;
    else if (Runtime.providesLibrary(M.Soname))
      M.What = Kind::Runtime;
    else if (ProgramOfThisMachine && Path == Exe)
      M.What = Kind::Program;
    else if (ProgramOfThisMachine && !NeededByPackage.count(Path))
      M.What = Kind::ProgramLibrary;
    else if (llvm::StringRef(M.Soname).starts_with("libnss_"))
      M.What = Kind::NssModule;
    else if (llvm::sys::path::filename(llvm::sys::path::parent_path(Path)) == "gconv")
      M.What = Kind::GconvModule;
    else
      M.What = Kind::NotProvided;
    // Who needed it, the package's files first: that is what the user can change.
    auto NeededBy = [&](bool FromPackage) -> std::string {
      for (const Mapped &Other : Elves) {
        if (&Other == &E || Other.Package != FromPackage)
          continue;
        const std::vector<std::string> &Needed = Other.Facts->Needed;
        if (std::find(Needed.begin(), Needed.end(), M.Soname) != Needed.end())
          return shown(Other.Path);
      }
      return "";
    };
    M.NeededBy = NeededBy(true);
    if (M.NeededBy.empty())
      M.NeededBy = NeededBy(false);

    auto [It, New] = Index.emplace(Path, Check.FromMachine.size());
    if (New)
      Check.FromMachine.push_back(std::move(M));
    else if (M.What == Kind::NotProvided && Check.FromMachine[It->second].What != Kind::NotProvided)
      // Seen first as a machine program's own library, now loaded for the package: the
      // package's use is the one that matters.
      Check.FromMachine[It->second] = std::move(M);
  }
}

void LoadedFilesInspector::report(const rules::RuleSet &Rules, report::MeasureReport &R) const {
  R.Loaded = Check;
  R.Loaded.PackageElfFiles = static_cast<unsigned>(PackageElf.size());
  R.Loaded.NonElfFiles = static_cast<unsigned>(NonElf.size());
  for (const report::MachineElfFile &M : Check.FromMachine) {
    if (M.What != report::MachineElfFile::Kind::NotProvided)
      continue;
    std::string How = M.NeededBy.empty() ? "loaded with dlopen: no file mapped needs it"
                                         : "needed by " + M.NeededBy;
    std::string What = "loaded " + M.Path + " (" + M.Soname + ", " + How +
                       ") from this machine in cold run " + std::to_string(M.Run);
    report::Location Where;
    Where.File = M.Path;
    const std::string Bundle = "bundle the library in the package's lib/ (Lambda's "
                               "LD_LIBRARY_PATH searches /var/task/lib)";
    // As the artifact pass decides: missing only where the runtime's contents are known.
    if (Runtime.Exact || Runtime.marksAbsent(M.Soname)) {
      if (auto F = report::makeFinding(
              Rules, rules::ids::UnresolvedLibrary, Where,
              What + "; " + Runtime.Name + " does not have it (" +
                  (Runtime.marksAbsent(M.Soname) ? "its manifest marks it absent"
                                                 : "its manifest lists all the runtime has") +
                  "): on Lambda loading it fails with \"cannot open shared object file\"",
              Bundle + " or link it statically", {"measure", M.Soname}))
        R.Findings.push_back(std::move(*F));
    } else if (auto F = report::makeFinding(
                   Rules, rules::ids::UnknownRuntimeLibrary, Where,
                   What + "; the " + Runtime.Name +
                       " manifest neither lists it nor marks it absent: the run worked because "
                       "this machine has it, whether Lambda has it is not known",
                   Bundle + ", or pin what the runtime provides with a manifest written from an "
                            "export of its base image ('coldstart rules runtime-manifest ROOTFS')",
                   {"measure", M.Soname})) {
      R.Findings.push_back(std::move(*F));
    }
  }
}

} // namespace coldstart::measure
