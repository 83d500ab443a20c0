#include "coldstart/rules/RuntimeManifest.h"

#include "Schema.h"
#include "coldstart/EmbeddedFile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace coldstart::rules {

namespace embedded {
extern const EmbeddedFile EmbeddedFiles[];
extern const unsigned long EmbeddedFileCount;
} // namespace embedded

static const char ManifestSuffix[] = ".yaml";

bool RuntimeManifest::providesLibrary(std::string_view Soname) const {
  return std::find(Libraries.begin(), Libraries.end(), Soname) != Libraries.end();
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
    if (N == "default.yaml" || N.size() <= sizeof(ManifestSuffix) - 1)
      continue;
    Names.emplace_back(N.substr(0, N.size() - (sizeof(ManifestSuffix) - 1)));
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

class ManifestReader {
public:
  ManifestReader(const std::string &File, std::vector<Diagnostic> &Errors)
      : File(File), Errors(Errors) {}

  std::optional<RuntimeManifest> read(const YAML::Node &Root) {
    RuntimeManifest M;
    if (!Root.IsMap()) {
      error(Root, "a runtime manifest must be a mapping");
      return std::nullopt;
    }
    size_t Before = Errors.size();
    for (const auto &Entry : Root) {
      std::string Key = Entry.first.IsScalar() ? Entry.first.Scalar() : "";
      const YAML::Node &V = Entry.second;
      if (Key == "name")
        string(V, Key, M.Name);
      else if (Key == "os")
        string(V, Key, M.Os);
      else if (Key == "family")
        string(V, Key, M.Family);
      else if (Key == "exact")
        boolean(V, Key, M.Exact);
      else if (Key == "architectures")
        list(V, Key, M.Architectures);
      else if (Key == "ld-library-path")
        list(V, Key, M.LdLibraryPath);
      else if (Key == "libraries")
        list(V, Key, M.Libraries);
      else if (Key == "versions")
        versions(V, M);
      else if (Key == "platform-init-ms")
        platformInit(V, M);
      else
        error(Entry.first, "unknown key '" + Key +
                               "' (expected one of: name, os, family, exact, architectures, "
                               "versions, platform-init-ms, ld-library-path, libraries)");
    }
    if (M.Name.empty() && Errors.size() == Before)
      error(Root, "a runtime manifest needs a 'name'");
    for (const std::string &A : M.Architectures)
      if (A != "x86_64" && A != "arm64" && Errors.size() == Before)
        error(Root["architectures"], "architecture '" + A + "' is not x86_64 or arm64");
    if (Unreported)
      Errors.push_back({File, 0, 0,
                        std::to_string(Unreported) + " more errors not shown (the first " +
                            std::to_string(detail::MaxDiagnostics) + " are)",
                        Unreported});
    if (Errors.size() != Before)
      return std::nullopt;
    return M;
  }

private:
  const std::string &File;
  std::vector<Diagnostic> &Errors;

  size_t Start = Errors.size();
  size_t Unreported = 0;

  void error(const YAML::Node &At, const std::string &Message) {
    if (Errors.size() - Start >= detail::MaxDiagnostics) {
      ++Unreported;
      return;
    }
    YAML::Mark Mk = At.Mark();
    Errors.push_back(
        {File, Mk.line >= 0 ? Mk.line + 1 : 0, Mk.column >= 0 ? Mk.column + 1 : 0, Message});
  }
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
  void version(const YAML::Node &V, const std::string &Key, std::string &Out) {
    if (!V.IsScalar() || V.Scalar().empty() ||
        V.Scalar().find_first_not_of("0123456789.") != std::string::npos) {
      error(V, "'versions." + Key + "' must be a dotted version such as \"2.34\"");
      return;
    }
    Out = V.Scalar();
  }
  void platformInit(const YAML::Node &V, RuntimeManifest &M) {
    double Value = 0;
    if (!V.IsMap() || !V["value"] || !V["value"].IsScalar() ||
        !YAML::convert<double>::decode(V["value"], Value) || Value < 0 || !V["source"] ||
        !V["source"].IsScalar() || V["source"].Scalar().empty() || V.size() != 2) {
      error(V, "'platform-init-ms' must be a mapping with a non-negative 'value' and its "
               "'source'");
      return;
    }
    if (!utf8(V["source"], "platform-init-ms.source"))
      return;
    M.PlatformInitMs = Value;
    M.PlatformInitSource = V["source"].Scalar();
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
      std::string Known;
      for (const std::string &N : bundledRuntimeNames())
        Known += (Known.empty() ? "" : ", ") + N;
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
  if (M.PlatformInitMs) {
    Out << YAML::Key << "platform-init-ms" << YAML::Value << YAML::BeginMap;
    Out << YAML::Key << "value" << YAML::Value << *M.PlatformInitMs;
    Out << YAML::Key << "source" << YAML::Value << M.PlatformInitSource;
    Out << YAML::EndMap;
  }
  Out << YAML::Key << "ld-library-path" << YAML::Value << YAML::Flow << M.LdLibraryPath;
  Out << YAML::Key << "libraries" << YAML::Value << YAML::Block << M.Libraries;
  Out << YAML::EndMap;
  std::string Header;
  std::istringstream Lines(HeaderComment);
  for (std::string Line; std::getline(Lines, Line);)
    Header += "# " + Line + "\n";
  return Header + Out.c_str() + "\n";
}

} // namespace coldstart::rules
