// `coldstart rules runtime-manifest ROOTFS`: an exact runtime manifest read from a root
// filesystem (a folder, or a tar such as `docker export` writes), never unpacked to disk.
#include "coldstart/archive/Archive.h"
#include "coldstart/inspect/ElfInspector.h"
#include "coldstart/inspect/Package.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <map>
#include <set>
#include <unistd.h>

namespace coldstart::inspect {

using namespace llvm;

namespace {

// The folders the loader and Lambda search, in the loader's order (multiarch folders for
// Debian-style images). LD_LIBRARY_PATH's runtime folders come from the bundled manifest.
const char *const LibraryFolders[] = {"lib64",
                                      "usr/lib64",
                                      "lib/x86_64-linux-gnu",
                                      "usr/lib/x86_64-linux-gnu",
                                      "lib/aarch64-linux-gnu",
                                      "usr/lib/aarch64-linux-gnu",
                                      "lib",
                                      "usr/lib"};

struct Node {
  bool Link = false;
  std::string Target; // symlink target or hard-link path
  std::string Content;
  bool HasContent = false;
};

bool isSharedObjectName(StringRef N) {
  return (N.starts_with("lib") || N.starts_with("ld-")) && N.contains(".so");
}

bool wantContent(StringRef Name) {
  return Name.starts_with("libc.so") || Name.starts_with("libc-") ||
         Name.starts_with("libstdc++.so") || Name == "os-release";
}

} // namespace

Expected<rules::RuntimeManifest> manifestFromRootfs(const std::string &Rootfs,
                                                    const std::string &Name,
                                                    const PackageLimits &Limits) {
  auto Fail = [&](const Twine &Why) {
    return createStringError(inconvertibleErrorCode(), Rootfs + ": " + Why);
  };
  std::set<std::string> Folders;
  for (const char *F : LibraryFolders)
    Folders.insert(F);
  std::vector<rules::Diagnostic> Ignored;
  auto Base = rules::loadRuntimeManifest("provided.al2023", Ignored);
  if (Base)
    for (const auto &D : Base->LdLibraryPath)
      Folders.insert(StringRef(D).ltrim('/').str());

  std::map<std::string, Node> Tree; // rootfs-relative path -> node, for the library folders
  auto Interesting = [&](StringRef Path) {
    auto [Dir, File] = Path.rsplit('/');
    if (File.empty())
      return false;
    return Folders.count(Dir.str()) || Path == "etc/os-release" || Path == "usr/lib/os-release";
  };

  if (sys::fs::is_directory(Rootfs)) {
    for (const auto &Dir : Folders) {
      SmallString<256> Full(Rootfs);
      sys::path::append(Full, Dir);
      std::error_code EC;
      uint64_t Seen = 0;
      for (sys::fs::directory_iterator It(Full, EC), End; It != End && !EC; It.increment(EC)) {
        if (++Seen > Limits.MaxEntries)
          return Fail(Twine("more than ") + Twine(Limits.MaxEntries) + " entries in /" + Dir);
        std::string P = Dir + "/" + sys::path::filename(It->path()).str();
        sys::fs::file_status St;
        if (sys::fs::status(It->path(), St, false))
          continue;
        Node N;
        if (St.type() == sys::fs::file_type::symlink_file) {
          char Buf[4096];
          ssize_t L = ::readlink(It->path().c_str(), Buf, sizeof(Buf));
          N.Link = true;
          N.Target = L > 0 ? std::string(Buf, size_t(L)) : "";
        } else if (St.type() != sys::fs::file_type::regular_file) {
          continue;
        }
        if (!N.Link && wantContent(sys::path::filename(P))) {
          auto B = MemoryBuffer::getFile(It->path(), false, false);
          if (B && (*B)->getBufferSize() <= Limits.MaxMemberBytes) {
            N.Content = (*B)->getBuffer().str();
            N.HasContent = true;
          }
        }
        Tree[P] = std::move(N);
      }
    }
    for (const char *OsRelease : {"etc/os-release", "usr/lib/os-release"}) {
      SmallString<256> Full(Rootfs);
      sys::path::append(Full, OsRelease);
      auto B = MemoryBuffer::getFile(Full, false, false);
      if (B && (*B)->getBufferSize() < 65536) {
        Node N;
        N.Content = (*B)->getBuffer().str();
        N.HasContent = true;
        Tree[OsRelease] = std::move(N);
      }
    }
  } else {
    archive::ArchiveOptions Options;
    Options.Format = archive::ArchiveFormat::Tar;
    Options.Limits.MaxEntries = Limits.MaxEntries;
    Options.NamesRelativeToRoot = true;
    auto Visit = [&](const archive::ArchiveEntry &Entry, archive::EntryReader &Data) -> Error {
      const std::string &P = Entry.Name;
      if (Entry.Problem != archive::NameProblem::None || !Interesting(P))
        return Error::success();
      Node N;
      if (Entry.HardlinkTarget) {
        N.Link = true;
        N.Target = "/" + StringRef(*Entry.HardlinkTarget).ltrim('/').ltrim("./").str();
      } else if (Entry.Type == archive::EntryType::Symlink) {
        N.Link = true;
        N.Target = Entry.LinkTarget;
      } else if (Entry.Type != archive::EntryType::File) {
        return Error::success();
      } else if (wantContent(sys::path::filename(P))) {
        if (Error E = Data.readAll(N.Content, Limits.MaxMemberBytes))
          return handleErrors(std::move(E), [&](const archive::ArchiveError &Failure) {
            if (Failure.failure() == archive::ArchiveFailure::EntryTooLarge)
              return Fail("/" + P + " is larger than --max-member-bytes");
            return Fail("/" + P + ": " + Failure.detail());
          });
        N.HasContent = true;
      }
      Tree[P] = std::move(N);
      return Error::success();
    };
    if (Error E = archive::forEachEntry(Rootfs, Options, Visit))
      return handleErrors(std::move(E), [&](const archive::ArchiveError &Failure) {
        switch (Failure.failure()) {
        case archive::ArchiveFailure::Open:
          return Fail(Twine("neither a folder nor a readable tar: ") + Failure.detail());
        case archive::ArchiveFailure::TooManyEntries:
          return Fail(formatv("more than {0} entries (--max-entries)", Limits.MaxEntries));
        default:
          return Fail(Twine("corrupt or truncated tar: ") + Failure.detail());
        }
      });
  }

  // Follow links inside the root (absolute targets are relative to the root), bounded.
  auto Resolve = [&](std::string P) -> const Node * {
    for (int Hop = 0; Hop < 40; ++Hop) {
      auto It = Tree.find(P);
      if (It == Tree.end())
        return nullptr;
      if (!It->second.Link)
        return &It->second;
      std::string T = It->second.Target;
      std::string Dir = StringRef(P).rsplit('/').first.str();
      SmallString<256> Next(!T.empty() && T[0] == '/' ? T.substr(1) : Dir + "/" + T);
      sys::path::remove_dots(Next, true, sys::path::Style::posix);
      P = StringRef(Next).ltrim('/').str();
    }
    return nullptr;
  };

  rules::RuntimeManifest M;
  M.Name = Name;
  M.Family = "custom";
  M.Exact = true;
  M.Origin = Rootfs;
  if (Base)
    M.LdLibraryPath = Base->LdLibraryPath;
  std::set<std::string> Sonames;
  for (const auto &[P, N] : Tree) {
    StringRef File = StringRef(P).rsplit('/').second;
    // A manifest is YAML, which is Unicode text: a name that is not UTF-8 could not be
    // written so that the manifest loads again (nor named by a DT_NEEDED a tool can print).
    if (isSharedObjectName(File) && json::isUTF8(File) && Resolve(P))
      Sonames.insert(File.str());
  }
  M.Libraries.assign(Sonames.begin(), Sonames.end());
  if (M.Libraries.empty())
    return Fail("no shared libraries in the library folders (/lib64, /usr/lib64, /lib, "
                "/usr/lib, ...): not a root filesystem?");

  auto Versions = [&](const char *Soname, const char *Family) -> std::string {
    for (const char *Dir : LibraryFolders) {
      const Node *N = Resolve(std::string(Dir) + "/" + Soname);
      if (!N || !N->HasContent)
        continue;
      auto B = inspectElfBuffer(MemoryBufferRef(N->Content, Soname),
                                std::string("/") + Dir + "/" + Soname);
      if (!B) {
        consumeError(B.takeError());
        continue;
      }
      if (M.Architectures.empty() && std::string(Soname) == "libc.so.6")
        M.Architectures.push_back(B->Arch == "aarch64" ? "arm64" : B->Arch);
      if (std::string(Soname) == "libc.so.6" && M.LibcVersions.empty())
        M.LibcVersions = B->Dynamic.DefinedVersions;
      auto It = B->Dynamic.MaxDefinedVersions.find(Family);
      if (It != B->Dynamic.MaxDefinedVersions.end())
        return It->second;
    }
    return "";
  };
  M.Glibc = Versions("libc.so.6", "GLIBC");
  M.Glibcxx = Versions("libstdc++.so.6", "GLIBCXX");
  M.Cxxabi = Versions("libstdc++.so.6", "CXXABI");
  for (const char *OsRelease : {"etc/os-release", "usr/lib/os-release"}) {
    const Node *N = Resolve(OsRelease);
    if (!N || !N->HasContent)
      continue;
    for (StringRef Line : split(N->Content, '\n'))
      if (Line.consume_front("PRETTY_NAME=") && json::isUTF8(Line))
        M.Os = Line.trim().trim('"').str();
    if (!M.Os.empty())
      break;
  }
  return M;
}

} // namespace coldstart::inspect
