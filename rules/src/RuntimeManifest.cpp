#include "coldstart/rules/RuntimeManifest.h"

#include "Schema.h"
#include "YamlReader.h"
#include "coldstart/EmbeddedFile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace coldstart::rules {

namespace embedded {
extern const EmbeddedFile EmbeddedFiles[];
extern const unsigned long EmbeddedFileCount;
} // namespace embedded

static const char ManifestSuffix[] = ".yaml";
/// What an Amazon Linux release provides to every runtime built on it, shared by the runtime
/// manifests that name it as their `base` ("amazonlinux2023" is amazonlinux2023.base.yaml).
static const char BaseSuffix[] = ".base.yaml";

static bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

bool RuntimeManifest::providesLibrary(std::string_view Soname) const {
  return std::find(Libraries.begin(), Libraries.end(), Soname) != Libraries.end();
}

std::optional<bool> RuntimeManifest::libcDefines(std::string_view Name) const {
  if (LibcVersions.empty())
    return std::nullopt;
  return std::find(LibcVersions.begin(), LibcVersions.end(), Name) != LibcVersions.end();
}

bool RuntimeManifest::marksAbsent(std::string_view Soname) const {
  return std::find(Absent.begin(), Absent.end(), Soname) != Absent.end();
}

/// Lambda's spelling of an architecture: "arm64" for the ELF files' "aarch64".
static std::string_view lambdaArch(std::string_view Arch) {
  return Arch == "aarch64" ? std::string_view("arm64") : Arch;
}

const MeasuredMs *ArchFigures::forArch(std::string_view Arch) const {
  auto It = ByArch.find(std::string(lambdaArch(Arch)));
  if (It != ByArch.end())
    return &It->second;
  return Every ? &*Every : nullptr;
}

std::optional<MeasuredMs> RuntimeManifest::platformInit(std::string_view Arch) const {
  auto It = PlatformInitByArch.find(std::string(lambdaArch(Arch)));
  if (It != PlatformInitByArch.end())
    return It->second;
  if (PlatformInitMs)
    return MeasuredMs{*PlatformInitMs, PlatformInitSource};
  return std::nullopt;
}

bool RuntimeManifest::supportsArch(std::string_view Arch) const {
  return std::find(Architectures.begin(), Architectures.end(), Arch) != Architectures.end();
}

const std::string &RuntimeManifest::maxVersion(std::string_view Family) const {
  static const std::string Empty;
  if (Family == "GLIBC")
    return Glibc;
  if (Family == "GLIBCXX")
    return Glibcxx;
  if (Family == "CXXABI")
    return Cxxabi;
  return Empty;
}

int compareVersions(std::string_view A, std::string_view B) {
  // Numeric component by component; a missing component counts as 0 ("2.34" == "2.34.0").
  while (!A.empty() || !B.empty()) {
    auto Take = [](std::string_view &S) {
      unsigned long long N = 0;
      size_t I = 0;
      while (I < S.size() && S[I] >= '0' && S[I] <= '9' && N < (1ull << 40))
        N = N * 10 + static_cast<unsigned>(S[I++] - '0');
      while (I < S.size() && S[I] != '.')
        ++I; // ignore non-numeric tails such as "2.34a"
      S.remove_prefix(I < S.size() ? I + 1 : I);
      return N;
    };
    unsigned long long X = Take(A), Y = Take(B);
    if (X != Y)
      return X < Y ? -1 : 1;
  }
  return 0;
}

std::vector<std::string> bundledRuntimeNames() {
  std::vector<std::string> Names;
  for (unsigned long I = 0; I < embedded::EmbeddedFileCount; ++I) {
    std::string_view N = embedded::EmbeddedFiles[I].Name;
    if (N == "default.yaml" || !endsWith(N, ManifestSuffix) || endsWith(N, BaseSuffix))
      continue;
    Names.emplace_back(N.substr(0, N.size() - (sizeof(ManifestSuffix) - 1)));
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

std::vector<std::string> bundledBaseNames() {
  std::vector<std::string> Names;
  for (unsigned long I = 0; I < embedded::EmbeddedFileCount; ++I) {
    std::string_view N = embedded::EmbeddedFiles[I].Name;
    if (endsWith(N, BaseSuffix))
      Names.emplace_back(N.substr(0, N.size() - (sizeof(BaseSuffix) - 1)));
  }
  std::sort(Names.begin(), Names.end());
  return Names;
}

namespace {

/// Whether S is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool isUtf8(std::string_view S) {
  for (size_t I = 0; I < S.size();) {
    unsigned char C = static_cast<unsigned char>(S[I]);
    size_t N = C < 0x80 ? 1 : (C >> 5) == 6 ? 2 : (C >> 4) == 14 ? 3 : (C >> 3) == 30 ? 4 : 0;
    if (N == 0 || I + N > S.size())
      return false;
    uint32_t Cp = N == 1 ? C : C & (0x7f >> N);
    for (size_t K = 1; K < N; ++K) {
      unsigned char T = static_cast<unsigned char>(S[I + K]);
      if ((T >> 6) != 2)
        return false;
      Cp = (Cp << 6) | (T & 0x3f);
    }
    static const uint32_t Min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (Cp < Min[N] || Cp > 0x10ffff || (Cp >= 0xd800 && Cp <= 0xdfff))
      return false;
    I += N;
  }
  return true;
}

class ManifestReader : detail::YamlReader {
public:
  ManifestReader(const std::string &File, std::vector<Diagnostic> &Errors)
      : YamlReader(File, Errors) {}

  /// Reads a manifest; a `base` key is read first, whatever its place, and the manifest's own
  /// keys then replace the base's values, except `libraries`, which adds to the base's list.
  /// IsBase: reading a base, which needs no name and may not have a base of its own.
  std::optional<RuntimeManifest> read(const YAML::Node &Root, bool IsBase = false) {
    RuntimeManifest M;
    if (!Root.IsMap()) {
      error(Root, "a runtime manifest must be a mapping");
      return std::nullopt;
    }
    size_t Before = Errors.size();
    if (const YAML::Node Base = Root["base"]) {
      if (IsBase)
        error(Base, "a base manifest may not name a base of its own");
      else
        readBase(Base, M);
    }
    for (const auto &Entry : Root) {
      std::string Key = Entry.first.IsScalar() ? Entry.first.Scalar() : "";
      const YAML::Node &V = Entry.second;
      if (Key == "base")
        continue;
      if (Key == "name")
        string(V, Key, M.Name);
      else if (Key == "os")
        string(V, Key, M.Os);
      else if (Key == "family")
        string(V, Key, M.Family);
      else if (Key == "exact")
        boolean(V, Key, M.Exact);
      else if (Key == "architectures")
        replaceList(V, Key, M.Architectures);
      else if (Key == "libc-versions")
        replaceList(V, Key, M.LibcVersions);
      else if (Key == "ld-library-path")
        replaceList(V, Key, M.LdLibraryPath);
      else if (Key == "loader-default-dirs")
        replaceList(V, Key, M.LoaderDefaultDirs);
      else if (Key == "libraries")
        list(V, Key, M.Libraries);
      else if (Key == "absent")
        list(V, Key, M.Absent);
      else if (Key == "bytecode-tag")
        string(V, Key, M.BytecodeTag);
      else if (Key == "versions")
        versions(V, M);
      else if (Key == "platform-init-ms")
        platformInit(V, M);
      else if (Key == "bundled-loader-init-ms")
        figures(V, Key, M.BundledLoaderInit);
      else
        error(Entry.first,
              "unknown key '" + Key +
                  "' (expected one of: base, name, os, family, exact, "
                  "architectures, versions, libc-versions, platform-init-ms, "
                  "bundled-loader-init-ms, ld-library-path, loader-default-dirs, libraries, "
                  "absent, bytecode-tag)");
    }
    if (M.Name.empty() && !IsBase && Errors.size() == Before)
      error(Root, "a runtime manifest needs a 'name'");
    for (const std::string &A : M.Architectures)
      if (A != "x86_64" && A != "arm64" && Errors.size() == Before)
        error(Root["architectures"], "architecture '" + A + "' is not x86_64 or arm64");
    finish();
    if (Errors.size() != Before)
      return std::nullopt;
    return M;
  }

private:
  /// YAML is Unicode text: a manifest string must be UTF-8, or writing the manifest back
  /// (formatRuntimeManifest) could not reproduce it.
  bool utf8(const YAML::Node &V, const std::string &Key) {
    if (isUtf8(V.Scalar()))
      return true;
    error(V, "'" + Key + "' is not UTF-8 text");
    return false;
  }
  void string(const YAML::Node &V, const std::string &Key, std::string &Out) {
    if (!V.IsScalar())
      error(V, "'" + Key + "' must be a string");
    else if (utf8(V, Key))
      Out = V.Scalar();
  }
  void boolean(const YAML::Node &V, const std::string &Key, bool &Out) {
    if (!V.IsScalar() || !YAML::convert<bool>::decode(V, Out))
      error(V, "'" + Key + "' must be true or false");
  }
  void list(const YAML::Node &V, const std::string &Key, std::vector<std::string> &Out) {
    if (!V.IsSequence()) {
      error(V, "'" + Key + "' must be a list of strings");
      return;
    }
    for (const YAML::Node &Item : V) {
      if (!Item.IsScalar())
        error(Item, "an entry of '" + Key + "' must be a string");
      else if (utf8(Item, "an entry of '" + Key + "'"))
        Out.push_back(Item.Scalar());
    }
  }
  void replaceList(const YAML::Node &V, const std::string &Key, std::vector<std::string> &Out) {
    std::vector<std::string> Items;
    list(V, Key, Items);
    Out = std::move(Items);
  }
  void readBase(const YAML::Node &V, RuntimeManifest &M) {
    if (!V.IsScalar() || V.Scalar().empty()) {
      error(V, "'base' must name a bundled base manifest");
      return;
    }
    std::string_view Text = embeddedRuleFile(V.Scalar() + BaseSuffix);
    if (Text.empty()) {
      error(V, "unknown base '" + V.Scalar() +
                   "' (bundled: " + detail::joinNames(bundledBaseNames()) + ")");
      return;
    }
    std::string BaseFile = "<bundled " + V.Scalar() + BaseSuffix + ">";
    YAML::Node BaseRoot;
    try {
      BaseRoot = YAML::Load(std::string(Text));
    } catch (const YAML::Exception &E) {
      Errors.push_back({BaseFile, E.mark.line + 1, E.mark.column + 1, "invalid YAML: " + E.msg});
      return;
    }
    if (std::optional<RuntimeManifest> Base =
            ManifestReader(BaseFile, Errors).read(BaseRoot, true)) {
      M = std::move(*Base);
      M.Base = V.Scalar();
    }
  }
  void version(const YAML::Node &V, const std::string &Key, std::string &Out) {
    if (!V.IsScalar() || V.Scalar().empty() ||
        V.Scalar().find_first_not_of("0123456789.") != std::string::npos) {
      error(V, "'versions." + Key + "' must be a dotted version such as \"2.34\"");
      return;
    }
    Out = V.Scalar();
  }
  /// `{value, source}`: a non-negative time in milliseconds and where it comes from.
  std::optional<MeasuredMs> measured(const YAML::Node &V, const std::string &Key) {
    double Value = 0;
    if (!V.IsMap() || !V["value"] || !V["value"].IsScalar() ||
        !YAML::convert<double>::decode(V["value"], Value) || !(Value >= 0) ||
        !std::isfinite(Value) || !V["source"] || !V["source"].IsScalar() ||
        V["source"].Scalar().empty() || V.size() != 2) {
      error(V, "'" + Key + "' must be a mapping with a non-negative 'value' and its 'source'");
      return std::nullopt;
    }
    if (!utf8(V["source"], Key + ".source"))
      return std::nullopt;
    return MeasuredMs{Value, V["source"].Scalar()};
  }
  /// `{value, source}` for every architecture, or `{x86_64: {value, source}, arm64: ...}`.
  void figures(const YAML::Node &V, const std::string &Key, ArchFigures &Out) {
    if (V.IsMap() && V["value"]) {
      ArchFigures Read;
      Read.Every = measured(V, Key);
      if (Read.Every)
        Out = std::move(Read);
      return;
    }
    if (!V.IsMap() || V.size() == 0) {
      error(V, "'" + Key +
                   "' must be {value, source} or a mapping of x86_64 and arm64 to "
                   "{value, source}");
      return;
    }
    ArchFigures Read;
    for (const auto &Entry : V) {
      std::string Arch = Entry.first.IsScalar() ? Entry.first.Scalar() : "";
      if (Arch != "x86_64" && Arch != "arm64") {
        error(Entry.first, "unknown architecture '" + Arch + "' in '" + Key +
                               "' (expected x86_64 or arm64, or value and source)");
        continue;
      }
      if (std::optional<MeasuredMs> F = measured(Entry.second, Key + "." + Arch))
        Read.ByArch[Arch] = std::move(*F);
    }
    Out = std::move(Read);
  }
  void platformInit(const YAML::Node &V, RuntimeManifest &M) {
    ArchFigures F;
    figures(V, "platform-init-ms", F);
    M.PlatformInitMs.reset();
    M.PlatformInitSource.clear();
    if (F.Every) {
      M.PlatformInitMs = F.Every->Value;
      M.PlatformInitSource = F.Every->Source;
    }
    M.PlatformInitByArch = std::move(F.ByArch);
  }
  void versions(const YAML::Node &V, RuntimeManifest &M) {
    if (!V.IsMap()) {
      error(V, "'versions' must be a mapping of glibc, glibcxx and cxxabi");
      return;
    }
    for (const auto &Entry : V) {
      std::string Key = Entry.first.IsScalar() ? Entry.first.Scalar() : "";
      if (Key == "glibc")
        version(Entry.second, Key, M.Glibc);
      else if (Key == "glibcxx")
        version(Entry.second, Key, M.Glibcxx);
      else if (Key == "cxxabi")
        version(Entry.second, Key, M.Cxxabi);
      else
        error(Entry.first, "unknown key '" + Key + "' (expected glibc, glibcxx or cxxabi)");
    }
  }
};

} // namespace

std::optional<RuntimeManifest> parseRuntimeManifest(std::string_view Text, const std::string &Name,
                                                    std::vector<Diagnostic> &Errors) {
  YAML::Node Root;
  try {
    Root = YAML::Load(std::string(Text));
  } catch (const YAML::Exception &E) {
    Errors.push_back({Name, E.mark.line + 1, E.mark.column + 1, "invalid YAML: " + E.msg});
    return std::nullopt;
  }
  return ManifestReader(Name, Errors).read(Root);
}

std::optional<RuntimeManifest> loadRuntimeManifest(const std::string &NameOrPath,
                                                   std::vector<Diagnostic> &Errors) {
  bool IsPath =
      NameOrPath.find('/') != std::string::npos ||
      (NameOrPath.size() > 5 && NameOrPath.compare(NameOrPath.size() - 5, 5, ManifestSuffix) == 0);
  if (!IsPath) {
    std::string_view Text = embeddedRuleFile(NameOrPath + ManifestSuffix);
    if (Text.empty() || NameOrPath == "default") {
      std::string Known = detail::joinNames(bundledRuntimeNames());
      Errors.push_back({"--runtime", 0, 0,
                        "unknown runtime '" + NameOrPath + "' (bundled: " + Known +
                            "; or give a manifest file written by 'coldstart rules "
                            "runtime-manifest')"});
      return std::nullopt;
    }
    auto M = parseRuntimeManifest(Text, "<bundled " + NameOrPath + ".yaml>", Errors);
    if (M)
      M->Origin = "bundled";
    return M;
  }
  std::optional<std::string> Text = detail::readSmallFile(NameOrPath, "runtime manifest", Errors);
  if (!Text)
    return std::nullopt;
  auto M = parseRuntimeManifest(*Text, NameOrPath, Errors);
  if (M)
    M->Origin = NameOrPath;
  return M;
}

std::string formatRuntimeManifest(const RuntimeManifest &M, const std::string &HeaderComment) {
  YAML::Emitter Out;
  Out << YAML::BeginMap;
  Out << YAML::Key << "name" << YAML::Value << M.Name;
  if (!M.Os.empty())
    Out << YAML::Key << "os" << YAML::Value << M.Os;
  if (!M.Family.empty())
    Out << YAML::Key << "family" << YAML::Value << M.Family;
  Out << YAML::Key << "exact" << YAML::Value << M.Exact;
  Out << YAML::Key << "architectures" << YAML::Value << YAML::Flow << M.Architectures;
  Out << YAML::Key << "versions" << YAML::Value << YAML::BeginMap;
  if (!M.Glibc.empty())
    Out << YAML::Key << "glibc" << YAML::Value << YAML::DoubleQuoted << M.Glibc;
  if (!M.Glibcxx.empty())
    Out << YAML::Key << "glibcxx" << YAML::Value << YAML::DoubleQuoted << M.Glibcxx;
  if (!M.Cxxabi.empty())
    Out << YAML::Key << "cxxabi" << YAML::Value << YAML::DoubleQuoted << M.Cxxabi;
  Out << YAML::EndMap;
  if (!M.LibcVersions.empty())
    Out << YAML::Key << "libc-versions" << YAML::Value << YAML::Flow << M.LibcVersions;
  auto Figures = [&Out](const char *Key, const std::optional<MeasuredMs> &Every,
                        const std::map<std::string, MeasuredMs> &ByArch) {
    auto Figure = [&Out](const MeasuredMs &F) {
      Out << YAML::BeginMap << YAML::Key << "value" << YAML::Value << F.Value << YAML::Key
          << "source" << YAML::Value << F.Source << YAML::EndMap;
    };
    if (ByArch.empty() && !Every)
      return;
    Out << YAML::Key << Key << YAML::Value;
    if (ByArch.empty()) {
      Figure(*Every);
      return;
    }
    // A manifest gives one form or the other; the per-architecture figures win when both are
    // set in memory.
    Out << YAML::BeginMap;
    for (const auto &[Arch, F] : ByArch) {
      Out << YAML::Key << Arch << YAML::Value;
      Figure(F);
    }
    Out << YAML::EndMap;
  };
  Figures("platform-init-ms",
          M.PlatformInitMs
              ? std::optional<MeasuredMs>(MeasuredMs{*M.PlatformInitMs, M.PlatformInitSource})
              : std::nullopt,
          M.PlatformInitByArch);
  Figures("bundled-loader-init-ms", M.BundledLoaderInit.Every, M.BundledLoaderInit.ByArch);
  Out << YAML::Key << "ld-library-path" << YAML::Value << YAML::Flow << M.LdLibraryPath;
  if (!M.LoaderDefaultDirs.empty())
    Out << YAML::Key << "loader-default-dirs" << YAML::Value << YAML::Flow << M.LoaderDefaultDirs;
  Out << YAML::Key << "libraries" << YAML::Value << YAML::Block << M.Libraries;
  if (!M.BytecodeTag.empty())
    Out << YAML::Key << "bytecode-tag" << YAML::Value << M.BytecodeTag;
  if (!M.Absent.empty())
    Out << YAML::Key << "absent" << YAML::Value << YAML::Block << M.Absent;
  Out << YAML::EndMap;
  std::string Header;
  std::istringstream Lines(HeaderComment);
  for (std::string Line; std::getline(Lines, Line);)
    Header += "# " + Line + "\n";
  return Header + Out.c_str() + "\n";
}

} // namespace coldstart::rules
