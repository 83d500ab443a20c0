#include "coldstart/inspect/Dependencies.h"
#include "coldstart/inspect/ElfInspector.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <deque>
#include <map>
#include <set>

namespace coldstart::inspect {

using namespace llvm;

std::vector<std::string> multiarchDirs(const std::string &Arch) {
  std::string Triple;
  if (Arch == "x86_64")
    Triple = "x86_64-linux-gnu";
  else if (Arch == "aarch64")
    Triple = "aarch64-linux-gnu";
  else if (Arch == "i386")
    Triple = "i386-linux-gnu";
  else if (Arch == "arm")
    Triple = "arm-linux-gnueabihf";
  if (Triple.empty())
    return {};
  return {"/lib/" + Triple, "/usr/lib/" + Triple};
}

namespace {

struct Object {
  std::string Path;
  std::string Dir;
  std::vector<std::string> Needed, Rpath, Runpath;
  unsigned Depth = 0;
};

std::string underRoot(const std::string &Root, const std::string &Dir) {
  if (Root.empty() || Root == "/")
    return Dir;
  SmallString<256> P(Root);
  sys::path::append(P, Dir);
  return std::string(P.str());
}

} // namespace

report::DependencyResolution resolveDependencies(const report::BinaryReport &Root,
                                                 const ResolveOptions &Options) {
  report::DependencyResolution Out;
  Out.Performed = true;
  Out.Root = Options.Sysroot;
  Out.Method = "glibc ld.so search order: DT_RPATH of the object and of the executable (when the "
               "object has no DT_RUNPATH), extra folders, DT_RUNPATH, then the default folders " +
               [&] {
                 std::string S;
                 for (const auto &D : Options.DefaultDirs)
                   S += (S.empty() ? "" : ":") + D;
                 return S;
               }() +
               " under the root; candidates of another class or machine are skipped; "
               "ld.so.cache is not read; then the runtime manifest's libraries";

  auto Split = [](const std::string &Path) {
    std::string Dir = sys::path::parent_path(Path).str();
    return Dir.empty() ? std::string(".") : Dir;
  };
  // Search entries: expanded, and either host paths ($ORIGIN) or paths under the root.
  auto Entries = [&](const std::vector<std::string> &Raw, const std::string &OriginDir) {
    std::vector<std::pair<std::string, std::string>> Dirs; // (host dir, raw)
    for (const auto &E : Raw) {
      std::string X = expandDynamicStringTokens(E, OriginDir, Root.ClassBits, Root.Arch);
      bool FromOrigin = StringRef(E).contains("$ORIGIN") || StringRef(E).contains("${ORIGIN}");
      if (Options.Lookup)
        Dirs.push_back({X, E});
      else if (FromOrigin || !Options.Sysroot.empty())
        Dirs.push_back({FromOrigin ? X : underRoot(Options.Sysroot, X), E});
    }
    return Dirs;
  };

  Object Exe;
  Exe.Path = Root.Path;
  Exe.Dir = Split(Root.Path);
  Exe.Needed = Root.Dynamic.Needed;
  Exe.Rpath = Root.Dynamic.Rpath;
  Exe.Runpath = Root.Dynamic.Runpath;
  auto ExeRpath = Entries(Exe.Rpath, Exe.Dir);

  std::map<std::string, bool> Seen; // name -> found
  std::deque<Object> Queue;
  Queue.push_back(Exe);
  std::set<std::string> Visited{Root.Path};

  // Each candidate path is read (or looked up) once, however many names and search folders
  // lead to it; and the whole search probes at most MaxProbes candidates: a hostile binary
  // with thousands of DT_NEEDED names and search-path entries would otherwise probe millions.
  std::map<std::string, std::optional<DynamicSummary>> Summaries;
  auto Summary = [&](const std::string &Path) -> const std::optional<DynamicSummary> & {
    auto It = Summaries.find(Path);
    if (It != Summaries.end())
      return It->second;
    std::optional<DynamicSummary> S;
    if (Options.Lookup) {
      S = Options.Lookup(Path);
    } else if (sys::fs::is_regular_file(Path)) {
      auto R = readDynamicSummary(Path);
      if (R)
        S = std::move(*R);
      else
        consumeError(R.takeError());
    }
    return Summaries.emplace(Path, std::move(S)).first->second;
  };
  unsigned Probes = 0;
  bool Exhausted = false;
  auto Matches = [&](const std::string &Candidate) {
    if (++Probes > Options.MaxProbes) {
      Exhausted = true;
      return false;
    }
    const auto &S = Summary(Candidate);
    return S && S->Arch == Root.Arch && S->ClassBits == Root.ClassBits;
  };

  while (!Queue.empty()) {
    Object O = std::move(Queue.front());
    Queue.pop_front();
    if (O.Depth >= Options.MaxDepth)
      continue;
    auto OwnRpath = Entries(O.Rpath, O.Dir);
    auto OwnRunpath = Entries(O.Runpath, O.Dir);
    for (const std::string &Name : O.Needed) {
      if (Seen.count(Name) || Out.Libraries.size() >= Options.MaxLibraries)
        continue;
      report::ResolvedLibrary L;
      L.Name = Name;
      L.NeededBy = O.Path;
      L.Depth = O.Depth + 1;
      auto Try = [&](const std::string &Dir, const std::string &Via) {
        SmallString<256> P(Dir);
        sys::path::append(P, Name);
        if (!Matches(std::string(P.str())))
          return false;
        L.Path = std::string(P.str());
        L.Via = Via;
        L.Found = true;
        return true;
      };
      if (StringRef(Name).contains('/')) {
        std::string P = sys::path::is_absolute(Name) && !Options.Lookup
                            ? underRoot(Options.Sysroot, Name)
                            : Name;
        if (Matches(P))
          L.Path = P, L.Via = "path in DT_NEEDED", L.Found = true;
      } else {
        bool Done = false;
        if (O.Runpath.empty()) {
          for (const auto &[Dir, RawE] : OwnRpath)
            if (!Done && Try(Dir, "rpath " + RawE))
              Done = true;
          if (!Done && O.Depth > 0 && Exe.Runpath.empty())
            for (const auto &[Dir, RawE] : ExeRpath)
              if (!Done && Try(Dir, "executable's rpath " + RawE))
                Done = true;
        }
        for (const auto &Dir : Options.ExtraDirs)
          if (!Done && Try(Dir, "library path " + Dir))
            Done = true;
        for (const auto &[Dir, RawE] : OwnRunpath)
          if (!Done && Try(Dir, "runpath " + RawE))
            Done = true;
        if (!Options.Sysroot.empty() || Options.Lookup)
          for (const auto &Dir : Options.DefaultDirs)
            if (!Done &&
                Try(Options.Lookup ? Dir : underRoot(Options.Sysroot, Dir), "default " + Dir))
              Done = true;
        if (!Done && Options.ProvidedByRuntime && Options.ProvidedByRuntime(Name))
          L.Via = "provided by the " + Options.RuntimeName + " runtime", L.Found = true,
          Done = true;
      }
      if (!L.Found && Exhausted)
        L.Via = "not searched: the search stopped after " + std::to_string(Options.MaxProbes) +
                " candidate paths";
      Seen[Name] = L.Found;
      if (L.Found && !L.Path.empty() && Visited.insert(L.Path).second) {
        const auto &S = Summary(L.Path);
        if (S) {
          Object Next;
          Next.Path = L.Path;
          Next.Dir = Split(L.Path);
          Next.Needed = S->Needed;
          Next.Rpath = S->Rpath;
          Next.Runpath = S->Runpath;
          Next.Depth = L.Depth;
          Queue.push_back(std::move(Next));
        }
      }
      if (!L.Found)
        Out.Unresolved.push_back(Name);
      Out.Libraries.push_back(std::move(L));
    }
  }
  if (Exhausted)
    Out.Method += "; the search stopped after " + std::to_string(Options.MaxProbes) +
                  " candidate paths (ResolveOptions::MaxProbes), and the names left are "
                  "unresolved";
  return Out;
}

} // namespace coldstart::inspect
