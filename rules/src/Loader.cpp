#include "coldstart/rules/Loader.h"

#include "Schema.h"
#include "coldstart/EmbeddedFile.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace coldstart::rules {

namespace embedded {
extern const EmbeddedFile EmbeddedFiles[];
extern const unsigned long EmbeddedFileCount;
} // namespace embedded

namespace fs = std::filesystem;

// Rule-set files are small; a cap keeps a hostile or mistaken input (a binary, a huge log)
// from being parsed at all.
static constexpr std::uintmax_t MaxRuleSetBytes = std::uintmax_t{4} * 1024 * 1024;

std::string Diagnostic::str() const {
  std::string Out = File;
  if (Line > 0) {
    Out += ":" + std::to_string(Line);
    if (Column > 0)
      Out += ":" + std::to_string(Column);
  }
  return Out + ": error: " + Message;
}

size_t errorCount(const std::vector<Diagnostic> &Diagnostics) {
  size_t Count = 0;
  for (const Diagnostic &D : Diagnostics)
    Count += D.Omitted ? D.Omitted : 1;
  return Count;
}

std::string_view embeddedRuleFile(std::string_view Name) {
  for (unsigned long I = 0; I < embedded::EmbeddedFileCount; ++I)
    if (Name == embedded::EmbeddedFiles[I].Name)
      return std::string_view(embedded::EmbeddedFiles[I].Text, embedded::EmbeddedFiles[I].Size);
  return {};
}

std::string_view defaultRuleSetYaml() {
  return embeddedRuleFile("default.yaml");
}

static bool parseAndOverlay(RuleSet &Into, std::string_view Text, const std::string &Name,
                            bool IsBase, std::vector<Diagnostic> &Errors) {
  YAML::Node Root;
  try {
    Root = YAML::Load(std::string(Text));
  } catch (const YAML::Exception &E) {
    Diagnostic D;
    D.File = Name;
    D.Line = E.mark.line >= 0 ? E.mark.line + 1 : 0;
    D.Column = E.mark.column >= 0 ? E.mark.column + 1 : 0;
    D.Message = "invalid YAML: " + E.msg;
    Errors.push_back(std::move(D));
    return false;
  }
  RuleSet Candidate = Into;
  size_t Before = Errors.size();
  try {
    detail::applyOverlay(Candidate, Root, Name, IsBase, Errors);
  } catch (const YAML::Exception &E) {
    Errors.push_back({Name, E.mark.line + 1, E.mark.column + 1, E.msg});
  }
  if (Errors.size() != Before)
    return false;
  Candidate.Origins.push_back(Name);
  Into = std::move(Candidate);
  return true;
}

const RuleSet &defaultRuleSet() {
  static const RuleSet Default = [] {
    RuleSet R;
    std::vector<Diagnostic> Errors;
    if (!parseAndOverlay(R, defaultRuleSetYaml(), "<bundled default.yaml>", true, Errors)) {
      // The test suite validates the bundled file, so this only happens to a broken build.
      for (const Diagnostic &D : Errors)
        std::fprintf(stderr, "coldstart: internal error: %s\n", D.str().c_str());
      std::abort();
    }
    R.Origins.back() = "bundled default";
    return R;
  }();
  return Default;
}

bool mergeRuleSetText(RuleSet &Into, std::string_view Text, const std::string &Name,
                      std::vector<Diagnostic> &Errors) {
  return parseAndOverlay(Into, Text, Name, false, Errors);
}

std::optional<std::string> detail::readSmallFile(const std::string &Path, const std::string &What,
                                                 std::vector<Diagnostic> &Errors) {
  std::error_code EC;
  fs::file_status Status = fs::status(Path, EC);
  if (EC || !fs::exists(Status)) {
    Errors.push_back({Path, 0, 0, "cannot read " + What + ": no such file"});
    return std::nullopt;
  }
  if (fs::is_directory(Status)) {
    Errors.push_back({Path, 0, 0, "cannot read " + What + ": is a directory"});
    return std::nullopt;
  }
  // A device or FIFO (/dev/zero, /dev/stdin) would be read without end or block forever.
  if (!fs::is_regular_file(Status)) {
    Errors.push_back({Path, 0, 0, "cannot read " + What + ": not a regular file"});
    return std::nullopt;
  }
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Errors.push_back({Path, 0, 0, "cannot read " + What + ": " + std::strerror(errno)});
    return std::nullopt;
  }
  std::string Text;
  char Buffer[65536];
  while (In.read(Buffer, sizeof Buffer) || In.gcount() > 0) {
    Text.append(Buffer, static_cast<size_t>(In.gcount()));
    if (Text.size() > MaxRuleSetBytes) {
      Errors.push_back({Path, 0, 0, What + " is larger than 4 MiB; refusing to parse it"});
      return std::nullopt;
    }
  }
  if (Text.find('\0') != std::string::npos) {
    Errors.push_back({Path, 0, 0, What + " contains NUL bytes; is it a YAML file?"});
    return std::nullopt;
  }
  return Text;
}

bool mergeRuleSetFile(RuleSet &Into, const std::string &Path, std::vector<Diagnostic> &Errors) {
  std::optional<std::string> Text = detail::readSmallFile(Path, "rule set", Errors);
  return Text && mergeRuleSetText(Into, *Text, Path, Errors);
}

std::vector<Diagnostic> validateRuleSetFile(const std::string &Path) {
  std::vector<Diagnostic> Errors;
  RuleSet Scratch = defaultRuleSet();
  mergeRuleSetFile(Scratch, Path, Errors);
  return Errors;
}

std::optional<std::string> findUserRuleSet(const std::vector<std::string> &Inputs) {
  for (const std::string &Input : Inputs) {
    std::error_code EC;
    fs::path Dir = fs::absolute(Input, EC);
    if (EC)
      continue;
    if (!fs::is_directory(Dir, EC))
      Dir = Dir.parent_path();
    for (; !Dir.empty(); Dir = Dir.parent_path()) {
      fs::path Candidate = Dir / ".coldstart.yaml";
      if (fs::is_regular_file(Candidate, EC))
        return Candidate.string();
      if (Dir == Dir.root_path())
        break;
    }
  }
  return std::nullopt;
}

std::optional<RuleSet> loadEffectiveRuleSet(const std::optional<std::string> &ExplicitFile,
                                            const std::vector<std::string> &Inputs,
                                            std::vector<Diagnostic> &Errors) {
  RuleSet Effective = defaultRuleSet();
  std::optional<std::string> File = ExplicitFile ? ExplicitFile : findUserRuleSet(Inputs);
  if (File && !mergeRuleSetFile(Effective, *File, Errors))
    return std::nullopt;
  return Effective;
}

} // namespace coldstart::rules
