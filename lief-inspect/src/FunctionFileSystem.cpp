// The function's file system: reading the package and its layers, laying them out where Lambda
// unpacks them, and looking paths up in it with symbolic links followed.
#include "FunctionFileSystem.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace coldstart::inspect::detail {

using namespace llvm;

namespace {

constexpr unsigned MaxLinkHops = 40; // as the kernel's symlink limit

} // namespace

Expected<std::vector<SourceContents>> readPackageSources(const std::string &Function,
                                                         const std::vector<std::string> &Layers,
                                                         const PackageLimits &Limits,
                                                         const rules::RuleSet &Rules) {
  std::vector<std::pair<std::string, bool>> Inputs = {{Function, false}};
  for (const std::string &Layer : Layers)
    Inputs.push_back({Layer, true});
  std::vector<SourceContents> Sources;
  unsigned LayerIndex = 0;
  for (const auto &[Path, IsLayer] : Inputs) {
    SourceContents Contents;
    report::PackageSource &Info = Contents.Info;
    Info.Path = Path;
    Info.Role = IsLayer ? "layer" : "function";
    Info.Mount = IsLayer ? LayerRoot : TaskRoot;
    Info.LayerIndex = IsLayer ? ++LayerIndex : 0;
    Expected<std::string> Kind = packageKind(Path);
    if (!Kind)
      return Kind.takeError();
    if (*Kind == "elf")
      return createStringError(inconvertibleErrorCode(),
                               Path + ": an ELF file, not a package" +
                                   (IsLayer ? " (a layer is a .zip or a folder)" : ""));
    Info.Kind = *Kind;
    if (Error E = readSource(Contents, Limits, Rules))
      return Expected<std::vector<SourceContents>>(std::move(E));
    Sources.push_back(std::move(Contents));
  }
  return Sources;
}

FunctionFileSystem::FunctionFileSystem(std::vector<SourceContents> SourcesIn)
    : Sources(std::move(SourcesIn)) {
  for (size_t Source = 0; Source < Sources.size(); ++Source) {
    const SourceContents &Contents = Sources[Source];
    for (size_t Index = 0; Index < Contents.Members.size(); ++Index)
      Paths[runtimePath(Source, Contents.Members[Index].Path)] = {Source, Index};
  }
}

const report::BinaryReport *FunctionFileSystem::binary(MemberRef At) const {
  const Member &M = member(At);
  return M.Binary < 0 ? nullptr : &Sources[At.Source].Binaries[size_t(M.Binary)];
}

std::optional<MemberRef> FunctionFileSystem::at(const std::string &RuntimePath) const {
  auto It = Paths.find(RuntimePath);
  if (It == Paths.end())
    return std::nullopt;
  return It->second;
}

std::optional<MemberRef> FunctionFileSystem::lookup(std::string RuntimePath) const {
  for (unsigned Hop = 0; Hop <= MaxLinkHops; ++Hop) {
    SmallString<256> Clean(RuntimePath);
    sys::path::remove_dots(Clean, /*remove_dot_dot=*/true, sys::path::Style::posix);
    std::optional<MemberRef> Found = at(std::string(Clean));
    if (!Found)
      return std::nullopt;
    const Member &M = member(*Found);
    if (M.Type != MemberType::Symlink)
      return Found;
    const std::string &Mount = Sources[Found->Source].Info.Mount;
    std::optional<std::string> Target = resolveLinkTarget(M.Path, M.LinkTarget, Mount);
    if (!Target)
      return std::nullopt;
    RuntimePath = Mount + "/" + *Target;
  }
  return std::nullopt;
}

std::string FunctionFileSystem::runtimePath(size_t Source, const std::string &Path) const {
  return Sources[Source].Info.Mount + "/" + Path;
}

std::string FunctionFileSystem::displayPath(size_t Source, const std::string &Path) const {
  return detail::displayPath(Sources[Source].Info, Path);
}

report::Location FunctionFileSystem::location(size_t Source, const std::string &Path) const {
  report::Location Where;
  Where.Source = Sources[Source].Info.Path;
  Where.Member = Path;
  Where.File = Path.empty() ? Where.Source : displayPath(Source, Path);
  return Where;
}

bool FunctionFileSystem::inPackage(StringRef RuntimePath) {
  return RuntimePath.starts_with(std::string(TaskRoot) + "/") ||
         RuntimePath.starts_with(std::string(LayerRoot) + "/");
}

} // namespace coldstart::inspect::detail
