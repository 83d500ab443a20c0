// The sizes phase: every source's real (decompressed) bytes, counted per member kind and added up
// under each folder, and the size tree a person reads to see where the bytes go.
#include "PackagePhases.h"

#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <functional>

namespace coldstart::inspect::detail {

using llvm::StringRef;

namespace {

// Size tree display: children listed per folder, depth, and the share of a source's bytes a
// folder needs to be opened (a display choice, not a cost figure).
constexpr size_t TreeChildren = 8;
constexpr unsigned TreeDepth = 4;
constexpr double TreeOpenShare = 0.02;

std::string parentFolder(const std::string &Path) {
  size_t Slash = Path.rfind('/');
  return Slash == std::string::npos ? "" : Path.substr(0, Slash);
}

/// Counts a source's members and adds each regular file to every folder above it.
void countMembers(const SourceContents &Contents, SourceSizes &Sizes) {
  for (const Member &M : Contents.Members) {
    switch (M.Type) {
    case MemberType::Folder:
      ++Sizes.Folders;
      Sizes.FolderTotals[M.Path];
      continue;
    case MemberType::Symlink:
      ++Sizes.Symlinks;
      continue;
    case MemberType::Other:
      continue;
    case MemberType::File:
      break;
    }
    ++Sizes.Files;
    Sizes.ElfFiles += M.Elf;
    Sizes.UncompressedBytes += M.Bytes;
    Sizes.CompressedBytes += M.CompressedBytes;
    // Every ancestor folder, the root included.
    StringRef Dir = M.Path;
    while (true) {
      size_t Slash = Dir.rfind('/');
      Dir = Slash == StringRef::npos ? StringRef() : Dir.take_front(Slash);
      FolderStats &Totals = Sizes.FolderTotals[Dir.str()];
      Totals.Bytes += M.Bytes;
      Totals.CompressedBytes += M.CompressedBytes;
      ++Totals.Files;
      if (Dir.empty())
        break;
    }
  }
}

/// The largest children of each folder, opened while they hold a share of the source's bytes.
class SizeTreeBuilder {
public:
  SizeTreeBuilder(const SourceContents &Contents, const SourceSizes &Sizes)
      : Contents(Contents), Sizes(Sizes),
        TotalBytes(std::max<uint64_t>(1, Sizes.UncompressedBytes)) {
    for (const auto &Entry : Sizes.FolderTotals)
      if (!Entry.first.empty())
        Children[parentFolder(Entry.first)].push_back(Entry.first);
    for (const Member &M : Contents.Members)
      if (M.Type == MemberType::File)
        Children[parentFolder(M.Path)].push_back(M.Path);
  }

  report::SizeTreeNode build() const {
    report::SizeTreeNode Root;
    Root.Folder = true;
    Root.Bytes = Sizes.UncompressedBytes;
    Root.CompressedBytes = Sizes.CompressedBytes;
    Root.Files = Sizes.Files;
    open(Root, 0);
    return Root;
  }

private:
  const SourceContents &Contents;
  const SourceSizes &Sizes;
  uint64_t TotalBytes;
  std::map<std::string, std::vector<std::string>> Children; // folder -> child paths

  bool matters(uint64_t Bytes) const { return double(Bytes) >= TreeOpenShare * double(TotalBytes); }

  report::SizeTreeNode node(const std::string &Path) const {
    report::SizeTreeNode Node;
    Node.Path = Path;
    Node.Name = Path.substr(Path.rfind('/') + 1);
    auto Folder = Sizes.FolderTotals.find(Path);
    if (Folder != Sizes.FolderTotals.end()) {
      Node.Folder = true;
      Node.Bytes = Folder->second.Bytes;
      Node.CompressedBytes = Folder->second.CompressedBytes;
      Node.Files = Folder->second.Files;
    } else {
      const Member &M = Contents.Members[Contents.ByPath.at(Path)];
      Node.Bytes = M.Bytes;
      Node.CompressedBytes = M.CompressedBytes;
      Node.Files = 1;
    }
    return Node;
  }

  void open(report::SizeTreeNode &Parent, unsigned Depth) const {
    auto It = Children.find(Parent.Path);
    if (It == Children.end())
      return;
    std::vector<report::SizeTreeNode> Kids;
    for (const std::string &Path : It->second)
      Kids.push_back(node(Path));
    std::sort(Kids.begin(), Kids.end(), [](const auto &A, const auto &B) {
      return A.Bytes != B.Bytes ? A.Bytes > B.Bytes : A.Path < B.Path;
    });
    for (report::SizeTreeNode &Kid : Kids) {
      bool Listed =
          Parent.Children.size() < TreeChildren && (matters(Kid.Bytes) || Parent.Children.empty());
      if (!Listed) {
        ++Parent.OmittedChildren;
        Parent.OmittedBytes += Kid.Bytes;
        continue;
      }
      if (Kid.Folder && Depth + 1 < TreeDepth && matters(Kid.Bytes))
        open(Kid, Depth + 1);
      Parent.Children.push_back(std::move(Kid));
    }
  }
};

} // namespace

SizesResult measureSizes(const FunctionFileSystem &Files) {
  SizesResult Result;
  for (const SourceContents &Contents : Files.sources()) {
    SourceSizes Sizes;
    countMembers(Contents, Sizes);
    Sizes.Method = Contents.Info.Kind == "zip"
                       ? "every entry decompressed with libarchive and its bytes counted (the "
                         "central directory's declared sizes are only compared); compressed sizes "
                         "from the central directory; the archive's own size from the file system"
                       : "every regular file of the folder read (memory-mapped) and its bytes "
                         "counted; symbolic links not followed";
    Sizes.Tree = SizeTreeBuilder(Contents, Sizes).build();
    Result.TotalUncompressedBytes += Sizes.UncompressedBytes;
    Result.Sources.push_back(std::move(Sizes));
  }
  return Result;
}

} // namespace coldstart::inspect::detail
