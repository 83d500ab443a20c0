// The policies kept as data agree with each other and with the code that applies them, as
// auditwheel checks its platform policies: every rule id the code can emit is defined once, with
// a documentation page and a category; every runtime manifest extends a base of its release and
// adds only what its runtime adds; nothing a base says is contradicted by a manifest built on it.
#include "coldstart/rules/Loader.h"
#include "coldstart/rules/RuleIds.h"
#include "coldstart/rules/RuntimeManifest.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace coldstart::rules;

namespace {

std::string readSourceFile(const std::string &Relative) {
  std::ifstream In(std::string(COLDSTART_SOURCE_DIR) + "/" + Relative);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

RuntimeManifest loadBundled(const std::string &Name) {
  std::vector<Diagnostic> Errors;
  std::optional<RuntimeManifest> M = loadRuntimeManifest(Name, Errors);
  EXPECT_TRUE(M) << Name << ": " << (Errors.empty() ? "" : Errors[0].str());
  return M ? *M : RuntimeManifest();
}

} // namespace

TEST(PolicyConsistency, RuleIdsInCodeAndRuleSetAreTheSame) {
  const RuleSet &Rules = defaultRuleSet();
  std::set<std::string> InCode(ids::All.begin(), ids::All.end());
  EXPECT_EQ(InCode.size(), ids::All.size()) << "a rule id is listed twice";
  std::set<std::string> InRuleSet;
  for (const auto &[Id, Info] : Rules.Rules)
    InRuleSet.insert(Id);
  EXPECT_EQ(InCode, InRuleSet);
}

TEST(PolicyConsistency, SourceRulesCarryTheTextsOfNamesAddedWithoutAKind) {
  const RuleSet &Rules = defaultRuleSet();
  std::vector<std::string> Source = Rules.ruleIdsOfPass("source");
  EXPECT_EQ(Source.size(), 5u);
  for (const std::string &Id : Source) {
    const RuleInfo *Info = Rules.rule(Id);
    EXPECT_FALSE(Info->AddedWhat.empty()) << Id;
    EXPECT_FALSE(Info->AddedWhy.empty()) << Id;
    EXPECT_FALSE(Info->AddedFix.empty()) << Id;
    EXPECT_FALSE(Info->StopsStart) << Id << ": a per-invocation cost never stops a start";
  }
  for (const ResourceKind &Kind : Rules.Source.Resources)
    EXPECT_TRUE(Rules.isSourceRule(Kind.Rule)) << Kind.Name << " reports under " << Kind.Rule;
}

TEST(PolicyConsistency, RulesThatStopAStartAreArtifactRulesOfDefaultSeverityError) {
  const RuleSet &Rules = defaultRuleSet();
  for (const auto &[Id, Info] : Rules.Rules)
    if (Info.StopsStart) {
      EXPECT_EQ(Info.Pass, "artifact") << Id;
      EXPECT_EQ(Info.DefaultSeverity, Severity::Error) << Id;
    }
  EXPECT_TRUE(Rules.stopsStart(ids::UnresolvedLibrary));
  EXPECT_TRUE(Rules.stopsStart(ids::MissingBootstrap));
  EXPECT_FALSE(Rules.stopsStart(ids::PackageSize));
}

TEST(PolicyConsistency, EveryRuleHasADocumentationPageNamedAfterIt) {
  for (std::string_view Id : ids::All) {
    std::string Page = "docs/rules/" + std::string(Id) + ".md";
    std::string Text = readSourceFile(Page);
    EXPECT_FALSE(Text.empty()) << Page;
    EXPECT_NE(Text.find("# " + std::string(Id)), std::string::npos) << Page;
    // scripts/new-rule.sh marks what only a person can write; none of it may land.
    EXPECT_EQ(Text.find("FIXME"), std::string::npos) << Page << " is not finished";
  }
  std::string Readme = readSourceFile("README.md");
  for (std::string_view Id : ids::All)
    EXPECT_NE(Readme.find("(docs/rules/" + std::string(Id) + ".md)"), std::string::npos)
        << Id << " is missing from the README's table of rules";
  for (const auto &[Id, Info] : defaultRuleSet().Rules)
    EXPECT_EQ((Info.Summary + Info.Description).find("FIXME"), std::string::npos)
        << Id << "'s rule-set entry is not finished";
}

TEST(PolicyConsistency, EveryBundledRuntimeExtendsTheBaseOfItsRelease) {
  std::vector<std::string> Bases = bundledBaseNames();
  EXPECT_EQ(Bases, (std::vector<std::string>{"amazonlinux2", "amazonlinux2023"}));
  for (const std::string &Name : bundledRuntimeNames()) {
    RuntimeManifest M = loadBundled(Name);
    ASSERT_FALSE(M.Base.empty()) << Name << " copies its base instead of naming it";
    EXPECT_EQ(M.Os, M.Base == "amazonlinux2023" ? "Amazon Linux 2023" : "Amazon Linux 2") << Name;
    EXPECT_TRUE(M.Family == "custom" || M.Family == "python" || M.Family == "nodejs") << Name;
    EXPECT_EQ(M.LoaderDefaultDirs, (std::vector<std::string>{"/lib64", "/usr/lib64"})) << Name;
    // Lambda puts the package at /var/task and layers under /opt; both must be searched.
    for (const char *Folder : {"/var/task/lib", "/opt/lib"}) {
      EXPECT_NE(std::find(M.LdLibraryPath.begin(), M.LdLibraryPath.end(), Folder),
                M.LdLibraryPath.end())
          << Name << " lacks " << Folder;
    }
    std::set<std::string> Unique(M.Libraries.begin(), M.Libraries.end());
    EXPECT_EQ(Unique.size(), M.Libraries.size()) << Name << " lists a library twice";
    // The interpreter's bytecode tag follows from its version (PEP 3147): python3.12 reads
    // *.cpython-312.pyc and nothing else.
    if (M.Family == "python") {
      std::string Digits = Name.substr(strlen("python"));
      Digits.erase(std::remove(Digits.begin(), Digits.end(), '.'), Digits.end());
      EXPECT_EQ(M.BytecodeTag, "cpython-" + Digits) << Name;
    } else {
      EXPECT_TRUE(M.BytecodeTag.empty()) << Name;
    }
    if (M.PlatformInitMs) {
      EXPECT_FALSE(M.PlatformInitSource.empty()) << Name;
    }
  }
}

TEST(PolicyConsistency, RuntimesOfOneReleaseAgreeOnWhatTheReleaseProvides) {
  // The same release gives every runtime the same glibc and the same libraries of glibc: a
  // manifest may add libraries (Node.js brings libstdc++), never drop one of its base.
  for (const std::string &Name : bundledRuntimeNames()) {
    RuntimeManifest M = loadBundled(Name);
    RuntimeManifest Release =
        loadBundled(M.Base == "amazonlinux2023" ? "provided.al2023" : "provided.al2");
    EXPECT_EQ(M.Glibc, Release.Glibc) << Name;
    EXPECT_EQ(M.Glibcxx, Release.Glibcxx) << Name;
    EXPECT_EQ(M.Cxxabi, Release.Cxxabi) << Name;
    for (const std::string &Library : Release.Libraries)
      EXPECT_TRUE(M.providesLibrary(Library)) << Name << " drops " << Library;
  }
}

TEST(PolicyConsistency, AManifestNamingAnUnknownBaseIsRefusedWithItsPlace) {
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(parseRuntimeManifest("name: mine\nbase: amazonlinux1999\n", "mine.yaml", Errors));
  ASSERT_EQ(Errors.size(), 1u);
  EXPECT_EQ(Errors[0].File, "mine.yaml");
  EXPECT_EQ(Errors[0].Line, 2);
  EXPECT_EQ(Errors[0].Column, 7);
  EXPECT_NE(Errors[0].Message.find("unknown base 'amazonlinux1999'"), std::string::npos);
  EXPECT_NE(Errors[0].Message.find("amazonlinux2023"), std::string::npos);
}

TEST(PolicyConsistency, AUserManifestExtendsABaseAndAddsLibraries) {
  std::vector<Diagnostic> Errors;
  std::optional<RuntimeManifest> M = parseRuntimeManifest(
      "base: amazonlinux2023\nname: mine\nlibraries: [libcurl.so.4]\n", "mine.yaml", Errors);
  ASSERT_TRUE(M) << (Errors.empty() ? "" : Errors[0].str());
  EXPECT_EQ(M->Glibc, "2.34");
  EXPECT_TRUE(M->providesLibrary("libc.so.6"));
  EXPECT_TRUE(M->providesLibrary("libcurl.so.4"));
  EXPECT_EQ(M->Name, "mine");
}

TEST(PolicyConsistency, EveryInterpretedFamilyHasItsPackagingConventions) {
  // The package pass recognizes a runtime family and finds its dependencies through the rule
  // set's ecosystems: a family or a heavy dependency without one would silently match nothing.
  const RuleSet &Rules = defaultRuleSet();
  auto HasEcosystem = [&](const std::string &Name) {
    return std::any_of(Rules.Packages.Ecosystems.begin(), Rules.Packages.Ecosystems.end(),
                       [&](const Ecosystem &E) { return E.Name == Name; });
  };
  for (const std::string &Name : bundledRuntimeNames()) {
    RuntimeManifest M = loadBundled(Name);
    if (M.Family != "custom") {
      EXPECT_TRUE(HasEcosystem(M.Family)) << Name << "'s family " << M.Family;
    }
  }
  for (const HeavyDependency &H : Rules.Packages.HeavyDependencies)
    EXPECT_TRUE(HasEcosystem(H.Ecosystem)) << H.Name;
  for (const Ecosystem &E : Rules.Packages.Ecosystems) {
    EXPECT_FALSE(E.RootMarkers.empty()) << E.Name;
    EXPECT_FALSE(E.LayerFolders.empty()) << E.Name;
    EXPECT_FALSE(E.FunctionImportRoots.empty()) << E.Name;
    EXPECT_FALSE(E.LayerImportRoots.empty()) << E.Name;
  }
}

TEST(PolicyConsistency, MalformedNewKeysAreRefusedWithTheirPlace) {
  // The keys that moved policy into data are checked like every other key.
  RuleSet Rules = defaultRuleSet();
  std::vector<Diagnostic> Errors;
  EXPECT_FALSE(mergeRuleSetText(Rules,
                                "packages:\n  ecosystems:\n    python:\n      root-markers: 3\n"
                                "    ruby:\n      layer-import-roots: [ruby]\n"
                                "rules:\n  coldstart-package-size:\n    stops-start: maybe\n",
                                "user.yaml", Errors));
  ASSERT_EQ(Errors.size(), 3u);
  EXPECT_EQ(Errors[0].str(), "user.yaml:4:21: error: 'root-markers' must be a list, not a scalar");
  EXPECT_EQ(Errors[1].str(),
            "user.yaml:5:5: error: 'packages.ecosystems.ruby' needs 'root-markers' or "
            "'layer-folders'");
  EXPECT_NE(Errors[2].str().find("user.yaml:9:18: error: 'stops-start' must be true or false"),
            std::string::npos)
      << Errors[2].str();

  for (const char *Text : {"name: m\nabsent: 3\n", "name: m\nbytecode-tag: [x]\n",
                           "name: m\nloader-default-dirs: /lib64\n", "name: m\nbase: [x]\n"}) {
    std::vector<Diagnostic> ManifestErrors;
    EXPECT_FALSE(parseRuntimeManifest(Text, "m.yaml", ManifestErrors)) << Text;
    ASSERT_EQ(ManifestErrors.size(), 1u) << Text;
    EXPECT_EQ(ManifestErrors[0].Line, 2) << Text;
    EXPECT_GT(ManifestErrors[0].Column, 1) << Text;
  }
}
